import { checkCommand } from './commands/check';
import { crawlCommand } from './commands/crawl';
import { evalCommand } from './commands/eval';
import { extractCommand } from './commands/extract';
import { UsageError, type Command } from './commands/command';
import { GENERATOR } from './extract';

/** Every command of the CLI; adding a command is adding a row. */
const COMMANDS: readonly Command[] = [extractCommand, evalCommand, crawlCommand, checkCommand];

const USAGE = `${GENERATOR}: Chinese performance self-evaluation reports (绩效自评表) into a checked dataset

Usage:
${COMMANDS.map((c) => `  ${c.summary}`).join('\n')}
  jixiao <command> --help                           options of a command
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '-h' || name === '--help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(rest);
  } catch (err) {
    const badArgs = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || badArgs) {
      process.stderr.write(`jixiao: ${(err as Error).message}\nRun "jixiao ${command ? name : ''} --help" for the options.\n`);
      return 2;
    }
    throw err;
  }
}

#!/usr/bin/env node
// Runs the CLI from its compiled copy (pipeline/extract-worker-bundle.mjs), or from the TypeScript
// sources through tsx when it cannot be had, so a clone needs no build step.
import { compiledEntry } from '../pipeline/extract-worker-bundle.mjs';

const compiled = await compiledEntry('cli');
// A copy that does not load (a damaged cache) is passed over: the sources still run.
const { main } = compiled ? await import(compiled.href).catch(sources) : await sources();
process.exitCode = await main(process.argv.slice(2));

async function sources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../pipeline/cli.ts');
}

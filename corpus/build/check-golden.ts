// Validates hand-written golden files against the schema and prints what they hold.
// Usage: npx tsx corpus/build/check-golden.ts corpus/golden/000.json [...]
import { readFileSync } from 'node:fs';
import { GoldenDocumentSchema } from '../../schemas/golden';

if (process.argv.length < 3 || process.argv.includes('--help')) {
  console.log('Usage: npx tsx corpus/build/check-golden.ts corpus/golden/NNN.json [...]\nChecks golden files against schemas/golden.ts and prints their counts.');
  process.exit(process.argv.includes('--help') ? 0 : 2);
}
let failed = false;
for (const path of process.argv.slice(2)) {
  const parsed = GoldenDocumentSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    failed = true;
    console.error(`${path}: invalid\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    continue;
  }
  const reports = parsed.data.reports;
  const rows = reports.reduce((n, r) => n + r.indicators.length, 0);
  console.log(`${path}: ${reports.length} reports, ${rows} indicator rows`);
  for (const r of reports) console.log(`  ${r.report_kind} ${r.project_name ?? r.title}: ${r.indicators.length} rows`);
}
process.exit(failed ? 1 : 0);

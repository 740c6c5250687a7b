/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process so one's
 * warm-up or leftovers never colour another's figures. Each prints its own figures and budgets.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
console.log(`\n${benches.length - failed} benches within budget, ${failed} over budget or failed`);
process.exit(failed ? 1 : 0);

// Sums Stryker reports of per-module runs into one score for src/core: `node test/strykerTotals.mjs [dir…]`
// (default: every out-stryker-final-*/mutation.json). For each src/core file it takes the newest report that covers
// it, so a module re-measured after a change replaces its older figures; files no report covers are listed, and the
// total is then marked incomplete. Score as Stryker computes it: (killed + timeout) ÷ (those + survived + no coverage).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirs = process.argv.length > 2 ? process.argv.slice(2) : fs.readdirSync(root).filter((name) => name.startsWith('out-stryker-final-'));
const reports = dirs
  .map((dir) => path.resolve(root, dir, 'mutation.json'))
  .filter((file) => fs.existsSync(file))
  .map((file) => ({ file, time: fs.statSync(file).mtimeMs, json: JSON.parse(fs.readFileSync(file, 'utf8')) }))
  .sort((a, b) => a.time - b.time);

/** @type {Map<string, {report: string, counts: Record<string, number>}>} */
const byFile = new Map();
for (const report of reports) {
  for (const [name, entry] of Object.entries(report.json.files)) {
    const relative = path.relative(root, path.resolve(root, name)).split(path.sep).join('/');
    const counts = {};
    for (const mutant of entry.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
    byFile.set(relative, { report: path.relative(root, report.file), counts });
  }
}

const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
const coreFiles = walk(path.join(root, 'src', 'core')).map((file) => path.relative(root, file).split(path.sep).join('/')).sort();

const score = (c) => {
  const detected = (c.Killed ?? 0) + (c.Timeout ?? 0);
  const valid = detected + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
  return { detected, valid, percent: valid === 0 ? 100 : (100 * detected) / valid };
};
const total = {};
const rows = [];
const missing = [];
for (const file of coreFiles) {
  const found = byFile.get(file);
  if (!found) {
    missing.push(file);
    continue;
  }
  for (const [status, n] of Object.entries(found.counts)) total[status] = (total[status] ?? 0) + n;
  const s = score(found.counts);
  rows.push(`${s.percent.toFixed(1).padStart(6)}%  ${String(s.valid).padStart(5)}  ${file}  (${found.report})`);
}
console.log(`  score  valid  file  (report)\n${rows.join('\n')}`);
const t = score(total);
console.log(`\nsrc/core: ${t.percent.toFixed(1)}% — ${t.detected} of ${t.valid} detected; statuses ${JSON.stringify(total)}`);
if (missing.length > 0) {
  console.log(`INCOMPLETE: no report covers ${missing.length} file(s): ${missing.join(', ')}`);
  process.exitCode = 1;
}

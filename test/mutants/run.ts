/**
 * `npm run mutants`: are the snippet tests able to fail? Every mutant in mutants.ts is applied to a private copy of
 * content/snippets (the working tree is never touched; NEXUS_SNIPPETS_DIR points the composed API at the copy), and
 * the tests it names run against it: the snippet unit tests (mocha --grep) and the parity scenarios (real DRF on the
 * other side). A mutant is caught when a test that passes on the unbroken copy fails (or turns pending) on it.
 * Exits non-zero when a mutant survives, when its search text no longer matches its snippet, or when its grep selects
 * no test.
 *
 *   node out/test/mutants/run.js [words…]   only the mutants whose snippet or description contains one of the words
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mutants, type Mutant, type UnitFile } from './mutants';

// The compiled test folder (out/test, or a helper's own --outDir) and the repository above it.
const outTest = path.join(__dirname, '..');
const repoRoot = path.join(outTest, '..', '..');
const mochaBin = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');

type Layer = UnitFile | 'parity';

const layerFile = (layer: Layer): string => (layer === 'parity' ? path.join(outTest, 'parity', 'parity.test.js') : path.join(outTest, 'unit', `${layer}.test.js`));

interface Outcome {
  passed: Set<string>;
  failed: Set<string>;
  pending: Set<string>;
  /** Set when mocha wrote no report (it crashed): the exit code and the end of its output. */
  crash?: string;
}

interface MochaJson {
  passes: { fullTitle: string }[];
  failures: { fullTitle: string }[];
  pending: { fullTitle: string }[];
}

/** One mocha process over one test file, with the snippets read from `snippetsDir`. */
function runLayer(layer: Layer, snippetsDir: string, scratch: string, grep?: string): Promise<Outcome> {
  const report = path.join(scratch, `${layer}-${Math.random().toString(36).slice(2)}.json`);
  const args = [mochaBin, '--timeout', '120000', '--reporter', 'json', '--reporter-option', `output=${report}`, ...(grep ? ['--grep', grep] : []), layerFile(layer)];
  const env = { ...process.env, NEXUS_SNIPPETS_DIR: snippetsDir, ...(layer === 'parity' && grep ? { NEXUS_GREP: grep } : {}) };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-20000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code) => {
      const titles = (list: { fullTitle: string }[]): Set<string> => new Set(list.map((test) => test.fullTitle));
      try {
        const json = JSON.parse(fs.readFileSync(report, 'utf8')) as MochaJson;
        resolve({ passed: titles(json.passes), failed: titles(json.failures), pending: titles(json.pending) });
      } catch {
        const lines = output.split('\n').filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
        resolve({ passed: new Set(), failed: new Set(), pending: new Set(), crash: `exit ${code}: ${lines.slice(-8).join(' | ')}` });
      }
    });
  });
}

/** Tests that passed on the unbroken copy and do not pass on the mutant; a crash counts as a failure. */
function failuresAgainst(baseline: Outcome, mutant: Outcome): string[] {
  if (mutant.crash) {
    return [`mocha crashed (${mutant.crash})`];
  }
  const newFailures = [...mutant.failed].filter((title) => !baseline.failed.has(title));
  const turnedPending = [...mutant.pending].filter((title) => baseline.passed.has(title));
  return [...newFailures, ...turnedPending.map((title) => `${title} (now pending)`)];
}

function readSnippetFiles(dir: string): Map<string, Record<string, { prefix: string | string[]; body: string[] }>> {
  const files = new Map<string, Record<string, { prefix: string | string[]; body: string[] }>>();
  for (const name of fs.readdirSync(dir).filter((file) => file.endsWith('.code-snippets'))) {
    files.set(name, JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Record<string, { prefix: string | string[]; body: string[] }>);
  }
  return files;
}

/** Writes `dir` with the mutant applied, or throws saying why it cannot be (stale search text, not a one-line change). */
function applyMutant(snapshot: string, dir: string, mutant: Mutant): void {
  fs.cpSync(snapshot, dir, { recursive: true });
  for (const [name, snippets] of readSnippetFiles(dir)) {
    for (const snippet of Object.values(snippets)) {
      if (![snippet.prefix].flat().includes(mutant.snippet)) {
        continue;
      }
      const body = snippet.body.join('\n');
      const hits = body.split(mutant.search).length - 1;
      if (hits !== 1) {
        throw new Error(`the search text occurs ${hits} times in ${mutant.snippet} (exactly once expected): ${JSON.stringify(mutant.search)}`);
      }
      const mutated = body.replace(mutant.search, () => mutant.replace).split('\n');
      const changed = changedLines(snippet.body, mutated);
      if (changed > 1) {
        throw new Error(`${mutant.snippet}: the mutant changes ${changed} lines; a mutant is a one-line change`);
      }
      snippet.body = mutated;
      fs.writeFileSync(path.join(dir, name), JSON.stringify(snippets, null, 2) + '\n');
      return;
    }
  }
  throw new Error(`no snippet has the prefix ${mutant.snippet}`);
}

/** How many lines differ between two bodies once their common head and tail are set aside. */
function changedLines(before: readonly string[], after: readonly string[]): number {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) {
    head += 1;
  }
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) {
    tail += 1;
  }
  return Math.max(before.length - head - tail, after.length - head - tail);
}

function layersOf(mutant: Mutant): { layer: Layer; grep: string }[] {
  const unit = mutant.caughtBy.unit;
  return [...(unit ? unit.files.map((file) => ({ layer: file as Layer, grep: unit.grep })) : []), ...(mutant.caughtBy.parity ? [{ layer: 'parity' as Layer, grep: mutant.caughtBy.parity }] : [])];
}

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(0)} s`;

async function main(): Promise<number> {
  const started = Date.now();
  const words = process.argv.slice(2);
  const selected = mutants.filter((mutant) => words.length === 0 || words.some((word) => mutant.snippet.includes(word) || mutant.careless.includes(word)));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-mutants-'));
  try {
    // One snapshot for the whole run: the baseline and every mutant see the same snippets, whatever else changes meanwhile.
    const snapshot = path.join(scratch, 'snapshot');
    fs.cpSync(path.join(repoRoot, 'content', 'snippets'), snapshot, { recursive: true });

    const problems: string[] = [];
    selected.forEach((mutant, index) => {
      try {
        applyMutant(snapshot, path.join(scratch, `check-${index}`), mutant);
      } catch (error) {
        problems.push(`mutant ${index + 1} (${mutant.snippet}): ${(error as Error).message}`);
      }
      fs.rmSync(path.join(scratch, `check-${index}`), { recursive: true, force: true });
      if (layersOf(mutant).length === 0) {
        problems.push(`mutant ${index + 1} (${mutant.snippet}) names no test that should catch it`);
      }
    });
    if (problems.length > 0) {
      console.error(`Stale or malformed mutants (the snippets changed? update test/mutants/mutants.ts):\n  ${problems.join('\n  ')}`);
      return 1;
    }

    const layers = [...new Set(selected.flatMap((mutant) => layersOf(mutant).map((run) => run.layer)))];
    console.log(`${selected.length} mutants over ${new Set(selected.map((mutant) => mutant.snippet)).size} snippets; baseline: ${layers.join(', ')} on the unbroken snippets…`);
    const baselineStart = Date.now();
    const baseline = new Map<Layer, Outcome>();
    for (const layer of layers) {
      // One at a time: the parity layer alone starts four servers.
      const outcome = await runLayer(layer, snapshot, scratch);
      if (outcome.crash) {
        console.error(`baseline ${layer}: ${outcome.crash}`);
        return 1;
      }
      baseline.set(layer, outcome);
      console.log(`  ${layer}: ${outcome.passed.size} passing, ${outcome.failed.size} failing, ${outcome.pending.size} pending`);
    }
    console.log(`baseline took ${seconds(baselineStart)}`);
    for (const [index, mutant] of selected.entries()) {
      for (const { layer, grep } of layersOf(mutant)) {
        // A pending test (a known parity defect) still fails on any new difference, so it can catch a mutant too.
        const regex = new RegExp(grep);
        const outcome = baseline.get(layer) as Outcome;
        if (![...outcome.passed, ...outcome.pending].some((title) => regex.test(title))) {
          problems.push(`mutant ${index + 1} (${mutant.snippet}): --grep ${JSON.stringify(grep)} selects no passing or pending test in ${layer}`);
        }
      }
    }
    if (problems.length > 0) {
      console.error(`Mutants that no passing test could catch (a test renamed?):\n  ${problems.join('\n  ')}`);
      return 1;
    }

    const missed: string[] = [];
    for (const [index, mutant] of selected.entries()) {
      const mutantStart = Date.now();
      const dir = path.join(scratch, `mutant-${index}`);
      applyMutant(snapshot, dir, mutant);
      const runs = layersOf(mutant);
      const outcomes = await Promise.all(runs.map(({ layer, grep }) => runLayer(layer, dir, scratch, grep)));
      // A crash or a failed hook may be the machine (a busy port, a file being rewritten): run that layer once more.
      for (const [k, { layer, grep }] of runs.entries()) {
        if (outcomes[k]?.crash || [...(outcomes[k]?.failed ?? [])].some((title) => title.includes('" hook'))) {
          outcomes[k] = await runLayer(layer, dir, scratch, grep);
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
      const verdicts = runs.map(({ layer }, k) => ({ layer, crash: outcomes[k]?.crash, failures: failuresAgainst(baseline.get(layer) as Outcome, outcomes[k] as Outcome) }));
      // A layer that crashed twice proves nothing about the mutant: it is an error, never a catch.
      const caught = verdicts.some((verdict) => !verdict.crash && verdict.failures.length > 0);
      const perLayer = verdicts.map(({ layer, crash, failures }) => `${layer} ${crash ? 'ERROR' : failures.length > 0 ? `caught (${failures.length} failing)` : 'MISSED'}`).join(', ');
      console.log(`${caught ? 'caught' : 'MISSED'} ${index + 1}/${selected.length} ${mutant.snippet}: ${mutant.careless} [${perLayer}; ${seconds(mutantStart)}]`);
      for (const { layer, failures } of verdicts) {
        for (const failure of failures.slice(0, 2)) {
          console.log(`      ${layer}: ${failure}`);
        }
      }
      if (!caught) {
        missed.push(`${mutant.snippet}: ${mutant.careless}`);
      }
    }
    console.log(`\nmutants: ${selected.length - missed.length} of ${selected.length} caught, ${missed.length} missed, in ${seconds(started)}`);
    for (const line of missed) {
      console.log(`  survived: ${line}`);
    }
    return missed.length > 0 ? 1 : 0;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

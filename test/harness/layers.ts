import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import Mocha from 'mocha';
import { artifactsDir, freshTempDir, repoRoot } from './paths';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

// The compiled test folder this file sits in (out/test, or a helper's own --outDir).
const outTest = path.join(__dirname, '..');

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(dir, name));
}

async function runMocha(dir: string, timeout: number, grep?: string): Promise<Counts> {
  const mocha = new Mocha({ ui: 'bdd', timeout, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of testFiles(dir)) {
    mocha.addFile(file);
  }
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 1, skipped: stats?.pending ?? 0 });
    });
  });
}

export function unit(grep?: string): Promise<Counts> {
  return runMocha(path.join(outTest, 'unit'), 60_000, grep);
}

/** Real DRF and the API composed from the snippets, side by side (test/parity); needs /usr/bin/python3's Django. */
export function parity(grep?: string): Promise<Counts> {
  return runMocha(path.join(outTest, 'parity'), 120_000, grep);
}

export function e2e(grep?: string): Promise<Counts> {
  // Screenshots of this run only, so none left over from an earlier one is mistaken for today's.
  fs.rmSync(path.join(artifactsDir, 'screenshots'), { recursive: true, force: true });
  return runMocha(path.join(outTest, 'e2e'), 180_000, grep);
}

/**
 * Mocha inside a real extension host through @vscode/test-electron. Offline (the default here) runTests is
 * handed our launcher, which runs code-server plus headless Chromium; NEXUS_DESKTOP=1 lets test-electron
 * download and run desktop VS Code instead, where the network allows.
 */
export async function integration(): Promise<Counts> {
  const scratch = freshTempDir('integration');
  const resultsFile = path.join(scratch, 'results.json');
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, 'notes.md'), '# My notes\n');
  const launcher = path.join(outTest, 'harness', 'vscodeLauncher.js');
  fs.chmodSync(launcher, 0o755);
  try {
    await runTests({
      ...(process.env.NEXUS_DESKTOP === '1' ? {} : { vscodeExecutablePath: launcher }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(outTest, 'integration', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${path.join(scratch, 'user-data')}`, `--extensions-dir=${path.join(scratch, 'extensions')}`],
      extensionTestsEnv: { NEXUS_RESULTS_FILE: resultsFile },
    });
  } catch (error) {
    console.error(`integration: ${String(error)}`);
  }
  try {
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Counts;
  } catch {
    console.error('integration: the extension host reported no results; counted as one failure');
    return { passed: 0, failed: 1, skipped: 0 };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

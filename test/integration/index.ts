import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Entry point the extension host loads as `extensionTestsPath`: runs every *.test.js beside it with mocha and
 * leaves the counts where the runner outside the host can read them.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 1, pending: 0 }));
  });
  const resultsFile = process.env.NEXUS_RESULTS_FILE;
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending }));
  }
  if (stats.failures > 0) {
    throw new Error(`${stats.failures} integration test(s) failed`);
  }
}

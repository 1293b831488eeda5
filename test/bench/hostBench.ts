import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { NexusApi } from '../../src/extension';

/**
 * Loaded by the extension host as `extensionTestsPath` (like the integration tests): times activation, which
 * must do no content I/O, and then the first catalog load that the Topics view triggers.
 */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<NexusApi>('project-nexus.project-nexus');
  if (!extension) {
    throw new Error('Nexus is not installed');
  }
  const start = performance.now();
  const api = await extension.activate();
  const activated = performance.now();
  await api.catalog.get();
  const loaded = performance.now();
  fs.writeFileSync(
    process.env.NEXUS_RESULTS_FILE ?? '/dev/null',
    JSON.stringify({ activateMs: api.activationMs, activationMs: activated - start, firstCatalogMs: loaded - activated }),
  );
}

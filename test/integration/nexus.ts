import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NexusApi } from '../../src/extension';

export const EXTENSION_ID = 'project-nexus.project-nexus';

/** The activated extension's API: the same objects the workbench is using. */
export async function nexus(): Promise<NexusApi> {
  const extension = vscode.extensions.getExtension<NexusApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

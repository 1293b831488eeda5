import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ENTRY_FIELDS } from '../../src/core/catalogIndex';
import type { NexusApi } from '../../src/extension';
import { nexus } from './nexus';

const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the catalog index in global storage, in a real extension host', () => {
  let api: NexusApi;
  let folder: string;
  let note: string;

  before(async () => {
    api = await nexus();
    folder = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'nexus-index-'));
    note = path.join(folder, 'data', 'index-probe.md');
    fs.mkdirSync(path.dirname(note));
    fs.writeFileSync(note, '# Caching\n\nText.\n');
    fs.utimesSync(note, AN_HOUR_AGO, AN_HOUR_AGO);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('nexus').update('notesFolders', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('is written after a load with each note’s size and mtime, read back, and never serves a note edited since', async () => {
    const indexFile = api.catalog.indexFile;
    assert.ok(indexFile);
    const changed = new Promise((resolve) => api.catalog.onDidChange(resolve));
    await vscode.workspace.getConfiguration('nexus').update('notesFolders', [folder], vscode.ConfigurationTarget.Global);
    await changed;
    const key = vscode.Uri.file(note).toString();
    const entries = await until('the index file with the learner’s note', () => {
      try {
        // The file's first line is the JSON of every entry, one array of ENTRY_FIELDS each; the note bodies follow it.
        const text = fs.readFileSync(indexFile.file.fsPath, 'utf8');
        const stored = JSON.parse(text.slice(0, text.indexOf('\n'))) as { entries: unknown[][] };
        const field = (entry: unknown[], name: (typeof ENTRY_FIELDS)[number]): unknown => entry[ENTRY_FIELDS.indexOf(name)];
        const entries = new Map(stored.entries.map((entry) => [String(field(entry, 'file')), { size: field(entry, 'size'), mtime: field(entry, 'mtime') }]));
        return entries.has(key) ? entries : undefined;
      } catch {
        return undefined;
      }
    });
    const stat = fs.statSync(note);
    assert.deepEqual([entries.get(key)?.size, entries.get(key)?.mtime], [stat.size, stat.mtime.getTime()]);
    assert.ok([...entries.keys()].filter((file) => file.includes('/content/topics/')).length >= 30, 'the bundled notes are in the index too');
    assert.equal((await indexFile.read()).size, entries.size, 'the extension reads back every entry it wrote');

    // Same size, a second later: the index must not stand in for the edited note.
    fs.writeFileSync(note, '# Cachinf\n\nText.\n');
    fs.utimesSync(note, new Date(AN_HOUR_AGO.getTime() + 1000), new Date(AN_HOUR_AGO.getTime() + 1000));
    const loaded = await api.catalog.reload();
    assert.equal(loaded.catalog.topics.get('index-probe')?.title, 'Cachinf');
  });
});

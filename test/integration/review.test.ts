import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extractCards } from '../../src/core/review/cards';
import { REVIEW_KEY } from '../../src/core/review/state';
import type { NexusApi } from '../../src/extension';
import { ReviewStore } from '../../src/views/reviewStore';
import { nexus } from './nexus';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A globalState stand-in, for a store over a storage folder of the test's own. */
function memento(values: Record<string, unknown> = {}): vscode.Memento & { setKeysForSync(keys: readonly string[]): void } {
  return {
    keys: () => Object.keys(values),
    get: <T>(key: string, fallback?: T) => (key in values ? values[key] : fallback) as T,
    update: (key: string, value: unknown) => {
      values[key] = value;
      return Promise.resolve();
    },
    setKeysForSync: () => undefined,
  };
}

describe('review in a real extension host', () => {
  let api: NexusApi;
  before(async () => {
    api = await nexus();
    await api.progress.reset();
    await api.review.store.reset();
  });
  after(async () => {
    await api.progress.reset();
    await api.review.store.reset();
  });

  it('puts the cards of a topic marked studied in review: due in the queue, the Topics view and the status bar', async () => {
    const { catalog } = await api.catalog.get();
    const docker = catalog.topics.get('docker');
    assert.ok(docker, 'the bundled docker topic');
    const expected = extractCards(docker).length;
    assert.ok(expected >= 3);
    assert.equal(api.review.store.queue().length, 0, 'nothing is due before');

    await vscode.commands.executeCommand('nexus.markStudied', api.tree.nodeFor(docker));
    await until(() => api.review.store.queue().length === expected, `the ${expected} docker cards are due`);
    assert.ok(api.review.store.queue().every((card) => card.topicId === 'docker'));

    const devops = (await api.tree.getChildren()).find((node) => node.kind === 'category' && node.category.id === 'devops');
    assert.ok(devops);
    await until(() => String(api.tree.getTreeItem(devops).description).endsWith(`· ${expected} due`), 'the category shows its due count');
    assert.match(String(api.tree.getTreeItem(devops).accessibilityInformation?.label), new RegExp(`${expected} due for review$`));
    await until(() => api.review.status.text === `$(mortar-board) ${expected} due`, 'the status bar shows the count');

    // One answer: the card leaves the queue for its first learning step, and the log has it.
    const [first] = api.review.store.queue();
    await api.review.store.answer(first.id, 3);
    assert.equal(api.review.store.queue().length, expected - 1);
    assert.equal(api.review.store.get().log.length, 1);
    await until(() => api.review.status.text === `$(mortar-board) ${expected - 1} due`, 'the status bar counts down');
  });

  it('reviews one topic from its context menu: Review This Topic puts its cards in review and opens the panel on them', async () => {
    const { catalog } = await api.catalog.get();
    const compose = catalog.topics.get('docker-compose');
    assert.ok(compose);
    await vscode.commands.executeCommand('nexus.reviewTopic', api.tree.nodeFor(compose));
    assert.equal(api.review.store.queue('docker-compose').length, extractCards(compose).length);
    assert.equal(api.review.panel.webviewPanel?.title, `Review: ${compose.title}`);
    assert.equal(compose.id in api.progress.get().studied, false, 'reviewing a topic does not mark it studied');
    api.review.panel.webviewPanel?.dispose();
  });

  it('keeps a corrupt state file aside, says so, and reviews on from the synced copy', async () => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-review-'));
    const file = path.join(storage, 'review.v1.json');
    fs.writeFileSync(file, '{"version": 1, "cards": {"x": tru');
    const synced = memento({ [REVIEW_KEY]: api.review.store.get() });
    const store = new ReviewStore(synced, vscode.Uri.file(storage), api.catalog);
    try {
      await store.ready();
      assert.equal(store.problems.length, 1);
      assert.match(store.problems[0], /not valid JSON/);
      const aside = fs.readdirSync(storage).filter((name) => name.startsWith('review.v1.unreadable-file-'));
      assert.equal(aside.length, 1, 'the bad file is kept aside');
      assert.equal(fs.readFileSync(path.join(storage, aside[0]), 'utf8'), '{"version": 1, "cards": {"x": tru', 'unchanged');
      assert.ok(store.problems[0].includes(aside[0]), 'the message names where it went');

      const [card] = store.queue();
      assert.ok(card, 'the synced copy still has cards due');
      await store.answer(card.id, 4);
      const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { log: unknown[] };
      assert.equal(written.log.length, api.review.store.get().log.length + 1, 'reviewing goes on and is saved');
      assert.equal(fs.readFileSync(path.join(storage, aside[0]), 'utf8'), '{"version": 1, "cards": {"x": tru', 'still unchanged after a save');
    } finally {
      store.dispose();
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });

  it('keeps a state file from a newer Nexus aside instead of overwriting it', async () => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-review-'));
    const future = JSON.stringify({ version: 2, cards: {}, somethingNew: true });
    fs.writeFileSync(path.join(storage, 'review.v1.json'), future);
    const store = new ReviewStore(memento(), vscode.Uri.file(storage), api.catalog);
    try {
      await store.ready();
      assert.match(store.problems.join('\n'), /newer Nexus \(format 2/);
      const aside = fs.readdirSync(storage).find((name) => name.startsWith('review.v1.unreadable-file-'));
      assert.ok(aside);
      assert.equal(fs.readFileSync(path.join(storage, aside), 'utf8'), future);
    } finally {
      store.dispose();
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NexusApi } from '../../src/extension';
import type { TopicNode } from '../../src/views/topicTree';
import { nexus } from './nexus';

const repoRoot = path.resolve(__dirname, '../../..');
const userNotes = path.join(repoRoot, 'test', 'fixtures', 'catalog', 'user');

async function labels(api: NexusApi, node?: TopicNode): Promise<string[]> {
  const children = await api.tree.getChildren(node);
  return children.map((child) => String(api.tree.getTreeItem(child).label));
}

async function categoryNode(api: NexusApi, title: string): Promise<TopicNode> {
  const roots = await api.tree.getChildren();
  const found = roots.find((node) => api.tree.getTreeItem(node).label === title);
  assert.ok(found, `category ${title} is in the tree`);
  return found;
}

describe('the Topics tree in a real extension host', () => {
  let api: NexusApi;
  before(async () => {
    api = await nexus();
    await api.progress.reset();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('nexus').update('notesFolders', undefined, vscode.ConfigurationTarget.Global);
    await api.tree.setFilter('');
    await api.progress.reset();
  });

  it('lists the bundled categories in their order, each topic in order, with progress counts', async () => {
    const { catalog } = await api.catalog.get();
    const roots = await api.tree.getChildren();
    const categories = roots.filter((node) => node.kind === 'category');
    assert.ok(categories.length >= 2, 'bundled categories are listed');
    const orders = categories.map((node) => (node.kind === 'category' ? node.category.order : NaN));
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b));
    for (const node of categories) {
      const item = api.tree.getTreeItem(node);
      const topics = await api.tree.getChildren(node);
      assert.equal(item.description, `0/${topics.length}`);
      const topicOrders = topics.map((topic) => (topic.kind === 'topic' ? topic.topic.order : NaN));
      assert.deepEqual(topicOrders, [...topicOrders].sort((a, b) => a - b));
    }
    assert.equal(catalog.problems.length, 0, catalog.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n'));
  });

  it('checks a topic when it is marked studied, counts it in its category and stores it', async () => {
    const devops = await categoryNode(api, 'DevOps');
    const [first] = await api.tree.getChildren(devops);
    assert.equal(api.tree.getTreeItem(first).checkboxState, vscode.TreeItemCheckboxState.Unchecked);
    await vscode.commands.executeCommand('nexus.markStudied', first);
    assert.equal(api.tree.getTreeItem(first).checkboxState, vscode.TreeItemCheckboxState.Checked);
    assert.match(String(api.tree.getTreeItem(devops).description), /^1\//);
    assert.equal(api.tree.getTreeItem(first).contextValue, 'topic.studied.bundled');
    assert.ok(first.kind === 'topic' && first.topic.id in api.progress.get().studied);
    await vscode.commands.executeCommand('nexus.markNotStudied', first);
    assert.equal(api.tree.getTreeItem(first).checkboxState, vscode.TreeItemCheckboxState.Unchecked);
  });

  it('filters to topics whose text has the words, and clears the filter', async () => {
    const allCategories = (await labels(api)).length;
    await api.tree.setFilter('select_related');
    const categories = await api.tree.getChildren();
    assert.ok(categories.length > 0 && categories.length < allCategories, `${categories.length} of ${allCategories} categories`);
    for (const category of categories) {
      for (const node of await api.tree.getChildren(category)) {
        assert.ok(node.kind === 'topic' && /select_related/i.test(node.topic.body + node.topic.title), `${String(api.tree.getTreeItem(node).label)} mentions select_related`);
      }
    }
    await vscode.commands.executeCommand('nexus.clearTopicFilter');
    assert.equal((await labels(api)).length, allCategories);
  });

  it('adds the learner’s notes folder, shows a malformed value in the tree and in the Problems panel, and nothing for plain markdown', async () => {
    const changed = new Promise((resolve) => api.catalog.onDidChange(resolve));
    await vscode.workspace.getConfiguration('nexus').update('notesFolders', [userNotes], vscode.ConfigurationTarget.Global);
    await changed;
    const roots = await api.tree.getChildren();
    assert.equal(roots[0].kind, 'problems');
    const items = (await api.tree.getChildren(roots[0])).map((node) => api.tree.getTreeItem(node));
    const item = items.find((candidate) => candidate.description === 'data/my-index-notes.md:3');
    assert.ok(item, items.map((candidate) => candidate.description).join(', '));
    assert.match(String(item.label), /`level` must be one of beginner, intermediate, advanced/);
    assert.equal(item.command?.command, 'vscode.open');
    assert.ok((await labels(api)).includes('My Notes'));
    const file = vscode.Uri.file(path.join(userNotes, 'data', 'my-index-notes.md'));
    const diagnostics = vscode.languages.getDiagnostics(file);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostics[0].range.start.line, 2);
    assert.ok(fs.existsSync(file.fsPath));
    const plain = vscode.Uri.file(path.join(userNotes, 'data', 'my-orm-notes.md'));
    assert.deepEqual(vscode.languages.getDiagnostics(plain), [], 'plain markdown with only a heading is a note, not a problem');
  });
});

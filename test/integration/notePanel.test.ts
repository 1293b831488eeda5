import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NexusApi } from '../../src/extension';
import { NOTE_VIEW_TYPE } from '../../src/views/notePanel';
import { nexus } from './nexus';

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('note panels in a real extension host', () => {
  let api: NexusApi;
  before(async () => {
    api = await nexus();
    await closeAll();
  });
  afterEach(async () => {
    await vscode.workspace.getConfiguration('nexus').update('notes.panelPerTopic', undefined, vscode.ConfigurationTarget.Global);
    await closeAll();
  });

  it('opens a topic by id in one Nexus panel titled with the topic, and reuses it for the next', async () => {
    await vscode.commands.executeCommand('nexus.openTopic', 'docker');
    assert.equal(api.notes.open.length, 1);
    assert.equal(api.notes.open[0].webviewPanel.title, 'Docker images for Django and Node services');
    assert.equal(api.notes.open[0].webviewPanel.viewType, NOTE_VIEW_TYPE);
    await vscode.commands.executeCommand('nexus.openTopic', 'jwt-auth');
    assert.equal(api.notes.open.length, 1, 'the panel is reused');
    assert.equal(api.notes.open[0].topic?.id, 'jwt-auth');
  });

  it('opens one panel per topic when the setting asks for it, and reuses a topic’s own panel', async () => {
    await vscode.workspace.getConfiguration('nexus').update('notes.panelPerTopic', true, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('nexus.openTopic', 'docker');
    await vscode.commands.executeCommand('nexus.openTopic', 'jwt-auth');
    await vscode.commands.executeCommand('nexus.openTopic', 'docker');
    assert.deepEqual(api.notes.open.map((panel) => panel.topic?.id).sort(), ['docker', 'jwt-auth']);
  });

  it('opens a topic to the side in a new panel beside the first', async () => {
    const { catalog } = await api.catalog.get();
    await vscode.commands.executeCommand('nexus.openTopic', 'docker');
    await vscode.commands.executeCommand('nexus.openTopicToSide', { kind: 'topic', topic: catalog.topics.get('redis-django') });
    assert.equal(api.notes.open.length, 2);
    const groupsWithNotes = (): number =>
      vscode.window.tabGroups.all.filter((group) =>
        group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(NOTE_VIEW_TYPE)),
      ).length;
    // The workbench reports tabs a moment after the panels exist.
    await waitFor(() => groupsWithNotes() === 2, 'the second note sits in its own editor group, beside the first');
  });

  it('restores a panel VS Code brings back after a reload, from its saved state', async () => {
    const panel = vscode.window.createWebviewPanel(NOTE_VIEW_TYPE, 'restoring', vscode.ViewColumn.Active);
    await api.notes.restore(panel, { panelId: 'restored-panel', topicId: 'celery-reliability', scrollY: 120 });
    assert.equal(panel.title, 'Reliable Celery tasks with retries, acks and idempotency');
    const stale = vscode.window.createWebviewPanel(NOTE_VIEW_TYPE, 'stale', vscode.ViewColumn.Active);
    let disposed = false;
    stale.onDidDispose(() => (disposed = true));
    await api.notes.restore(stale, { panelId: 'stale-panel', topicId: 'a-topic-that-was-removed', scrollY: 0 });
    assert.equal(disposed, true, 'a panel whose topic is gone closes instead of showing nothing');
  });

  it('opens the note’s markdown beside the panel with Open Source', async () => {
    await vscode.commands.executeCommand('nexus.openTopic', 'docker');
    await vscode.commands.executeCommand('nexus.openNoteSource');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor?.document.uri.path.endsWith('/content/topics/devops/docker.md'), editor?.document.uri.toString());
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const start = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out waiting: ${what}`);
    }
  }
}

describe('a note panel following its file', () => {
  it('re-renders when the learner edits and saves the note', async () => {
    const api = await nexus();
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'live-notes');
    const file = vscode.Uri.joinPath(folder, 'data', 'draft.md');
    const write = (title: string) =>
      vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`---\nid: live-draft\ntitle: ${title}\nsummary: s\norder: 1\nlevel: beginner\n---\n# ${title}\n`));
    await write('First draft');
    const reloaded = new Promise((resolve) => api.catalog.onDidChange(resolve));
    await vscode.workspace.getConfiguration('nexus').update('notesFolders', [folder.fsPath], vscode.ConfigurationTarget.Global);
    await reloaded;
    try {
      await vscode.commands.executeCommand('nexus.openTopic', 'live-draft');
      const panel = api.notes.open.find((candidate) => candidate.topic?.id === 'live-draft');
      assert.equal(panel?.webviewPanel.title, 'First draft');
      const document = await vscode.workspace.openTextDocument(file);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(file, new vscode.Range(0, 0, document.lineCount, 0), document.getText().replace(/First draft/g, 'Second draft'));
      await vscode.workspace.applyEdit(edit);
      await document.save();
      await waitFor(() => panel?.webviewPanel.title === 'Second draft', 'the panel shows the edited note');
    } finally {
      await vscode.workspace.getConfiguration('nexus').update('notesFolders', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.fs.delete(folder, { recursive: true });
      await closeAll();
    }
  });
});

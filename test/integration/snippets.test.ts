import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expandSnippet } from '../../src/core/snippets/expandSnippet';
import { nexus } from './nexus';

/** VS Code re-indents a snippet's tabs to the editor's indentation; compare what stays the same. */
function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n').split('\n').map((line) => line.replace(/^\s+/, '').trimEnd()).join('\n').trim();
}

describe('the drf- snippets in a real editor', () => {
  it('inserts every snippet by name as core expands it, defaults and first choices filled in', async function () {
    // Dozens of snippets, each typed and tabbed through like a learner would: seconds each on a loaded machine.
    this.timeout(180_000);
    const api = await nexus();
    const groups = await api.snippets.groups();
    const all = groups.flatMap((group) => group.snippets);
    assert.ok(all.length >= 40, `${all.length} snippets`);
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    const mismatches: string[] = [];
    for (const snippet of all) {
      await editor.edit((edit) => edit.delete(new vscode.Range(0, 0, document.lineCount, 0)));
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'typescript', name: snippet.name });
      // Tab through every stop, as a learner accepting the defaults does: VS Code applies transforms on leaving a stop.
      const expected = expandSnippet(snippet.body);
      for (let stop = 0; stop < expected.tabstops.length; stop++) {
        await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
      }
      await vscode.commands.executeCommand('leaveSnippet');
      const got = normalize(document.getText()).split('\n');
      const want = normalize(expected.text).split('\n');
      const line = want.findIndex((expected, index) => got[index] !== expected);
      if (line >= 0 || got.length !== want.length) {
        mismatches.push(`${snippet.prefix[0]} line ${line + 1}: editor "${got[line] ?? ''}", core "${want[line] ?? ''}"`);
      }
    }
    assert.deepEqual(mismatches, []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('lists them in the Snippets view by DRF concept, with the DRF original beside each', async () => {
    const api = await nexus();
    const groups = await api.snippets.getChildren();
    const titles = groups.map((node) => api.snippets.getTreeItem(node).label);
    assert.equal(titles[0], 'Models and the ORM');
    assert.ok(titles.includes('Pagination'));
    const pagination = groups.find((node) => api.snippets.getTreeItem(node).label === 'Pagination');
    const [first] = await api.snippets.getChildren(pagination);
    const item = api.snippets.getTreeItem(first);
    assert.equal(item.label, 'drf-pagination-page');
    assert.match(String(item.description), /^PageNumberPagination/);
    const tooltip = api.snippets.resolveTreeItem(item, first).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /\*\*DRF:\*\* `PageNumberPagination/);
    assert.match(tooltip.value, /```typescript\n[\s\S]*export interface Page<T>/);
  });
});

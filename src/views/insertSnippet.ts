import * as vscode from 'vscode';

/**
 * Inserts snippet text at the cursor of the active (or last visible) editor, or into a new untitled TypeScript
 * file when none is open. As a snippet it keeps its tab stops; as code it goes in as plain text.
 */
export async function insertIntoEditor(text: string, as: 'snippet' | 'code'): Promise<void> {
  let editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: '' });
    editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.Beside);
  }
  const snippet = as === 'snippet' ? new vscode.SnippetString(text) : new vscode.SnippetString().appendText(text);
  await editor.insertSnippet(snippet, editor.selection);
}

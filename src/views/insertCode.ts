import * as vscode from 'vscode';

/** Inserts code at the cursor of the last active text editor, or into a new untitled file in its language. */
export async function insertCode(code: string, language: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (editor) {
    await editor.insertSnippet(new vscode.SnippetString().appendText(code), editor.selection);
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language, content: code });
  await vscode.window.showTextDocument(document, vscode.ViewColumn.Beside);
}

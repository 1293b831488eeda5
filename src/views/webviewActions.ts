import * as vscode from 'vscode';

/** What any Nexus webview may ask for, done the same way for notes and the architecture. */

export async function copyText(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(`Copied ${what}`, 3000);
}

export async function openExternal(url: string): Promise<void> {
  const uri = vscode.Uri.parse(url);
  // Checked again here: a webview's message is never trusted to name a safe scheme.
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    await vscode.env.openExternal(uri);
  }
}

export async function saveSvg(svg: string, name: string, near: vscode.Uri | undefined): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? near ?? vscode.Uri.file('/');
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `${name.replace(/[^\w.-]+/g, '-')}.svg`),
    filters: { SVG: ['svg'] },
  });
  if (target) {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
  }
}

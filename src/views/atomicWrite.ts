import * as vscode from 'vscode';

/** Writes beside the target and renames over it, so a crash mid-write leaves the previous file whole. */
export async function writeFileAtomically(file: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
  const temporary = file.with({ path: `${file.path}.tmp` });
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
  await vscode.workspace.fs.rename(temporary, file, { overwrite: true });
}

export async function readJson(file: vscode.Uri): Promise<unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as unknown;
  } catch {
    return undefined;
  }
}

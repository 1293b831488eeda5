import * as vscode from 'vscode';
import type { ContentReader } from '../core/loadCatalog';

const decoder = new TextDecoder();

/** Core's content reader over `vscode.workspace.fs`, so loading works for local, remote and web file systems. */
export const workspaceReader: ContentReader = {
  async readFile(path) {
    return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(path)));
  },
  async stat(path) {
    const { size, mtime } = await vscode.workspace.fs.stat(vscode.Uri.parse(path));
    return { size, mtime };
  },
  async readDirectory(path) {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(path));
      return entries.map(([name, type]) => ({ name, isDirectory: (type & vscode.FileType.Directory) !== 0 }));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
        return [];
      }
      throw error;
    }
  },
};

import { promises as fs } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ContentReader } from '../../src/core/loadCatalog';

/** Core's content reader over the real disk, the way the extension reads through vscode.workspace.fs. */
export const diskReader: ContentReader = {
  readFile: (uri) => fs.readFile(fileURLToPath(uri), 'utf8'),
  async stat(uri) {
    const { size, mtimeMs } = await fs.stat(fileURLToPath(uri));
    return { size, mtime: mtimeMs };
  },
  async readDirectory(uri) {
    try {
      const entries = await fs.readdir(fileURLToPath(uri), { withFileTypes: true });
      return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
  },
};

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

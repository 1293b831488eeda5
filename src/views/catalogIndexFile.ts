import * as vscode from 'vscode';
import { deserializeIndex, serializeIndex, type CatalogIndex } from '../core/catalogIndex';
import { writeFileAtomically } from './atomicWrite';

/**
 * The catalog index kept across sessions as one file in global storage. Entries are only as good as the parser
 * that made them, so the file names the extension's version and its bundle's mtime (a rebuild without a version
 * bump parses again); a file that is missing, torn or from another parser reads as empty, never as an error.
 */
export class CatalogIndexFile {
  readonly file: vscode.Uri;
  private parserId: Promise<string> | undefined;

  constructor(storage: vscode.Uri, private readonly extension: Pick<vscode.Extension<unknown>, 'extensionUri' | 'packageJSON'>) {
    this.file = vscode.Uri.joinPath(storage, 'catalog-index.json');
  }

  private parser(): Promise<string> {
    this.parserId ??= (async () => {
      const { version, main } = this.extension.packageJSON as { version?: string; main?: string };
      const bundle = await Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(this.extension.extensionUri, main ?? 'package.json'))).then(
        (stat) => stat.mtime,
        () => 0,
      );
      return `${version ?? 'unknown'} ${bundle}`;
    })();
    return this.parserId;
  }

  async read(): Promise<CatalogIndex> {
    try {
      const bytes = await vscode.workspace.fs.readFile(this.file);
      return deserializeIndex(bytes, await this.parser());
    } catch {
      return new Map();
    }
  }

  async write(index: CatalogIndex): Promise<void> {
    await writeFileAtomically(this.file, serializeIndex(index, await this.parser()));
  }
}

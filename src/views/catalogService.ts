import * as vscode from 'vscode';
import { findBacklinks } from '../core/backlinks';
import type { CatalogIndex } from '../core/catalogIndex';
import { loadCatalog } from '../core/loadCatalog';
import type { Catalog, Topic } from '../core/model';
import { TopicSearch } from '../core/search';
import type { CatalogIndexFile } from './catalogIndexFile';
import { workspaceReader } from './workspaceReader';

export interface LoadedCatalog {
  catalog: Catalog;
  search: TopicSearch;
  /** Topic ids by their file's URI, for links between notes and for revealing the active note. */
  byFile: ReadonlyMap<string, string>;
  /** The topics whose notes link to this one; worked out for the whole catalog on first use. */
  linkedFrom(topicId: string): Topic[];
}

const RELOAD_DELAY_MS = 300;
/** Writing the index serializes every note: it waits until the tree has been drawn and reloads have settled. */
const INDEX_WRITE_DELAY_MS = 3000;

/**
 * Owns the catalog: loaded on first use (never during activation), reloaded when the learner's notes folders
 * or the setting naming them change. Problems in the learner's own files also go to the Problems panel.
 */
export class CatalogService implements vscode.Disposable {
  /** The loaded catalog if loading has finished, without starting a load. */
  current: LoadedCatalog | undefined;
  private loading: Promise<LoadedCatalog> | undefined;
  private readonly changed = new vscode.EventEmitter<LoadedCatalog>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('nexus');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private watchers: vscode.Disposable[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the last load parsed; read from the index file by the first load. */
  private index: CatalogIndex | undefined;
  private indexTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly contentRoot: vscode.Uri,
    readonly indexFile?: CatalogIndexFile,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('nexus.notesFolders')) {
          this.scheduleReload();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
    );
  }

  get(): Promise<LoadedCatalog> {
    this.loading ??= this.load();
    return this.loading;
  }

  async reload(): Promise<LoadedCatalog> {
    this.loading = this.load();
    const loaded = await this.loading;
    this.changed.fire(loaded);
    return loaded;
  }

  topicForUri(uri: vscode.Uri): Topic | undefined {
    const id = this.current?.byFile.get(uri.toString());
    return id === undefined ? undefined : this.current?.catalog.topics.get(id);
  }

  private async load(): Promise<LoadedCatalog> {
    const userFolders = notesFolders();
    this.watch(userFolders);
    const previous = this.index ?? (await this.indexFile?.read());
    const catalog = await loadCatalog(
      workspaceReader,
      { bundled: this.contentRoot.toString(), user: userFolders.map((uri) => uri.toString()) },
      { index: previous, onIndex: (next) => this.keepIndex(previous, next) },
    );
    this.publishDiagnostics(catalog);
    this.current = loaded(catalog);
    return this.current;
  }

  private keepIndex(previous: CatalogIndex | undefined, next: CatalogIndex): void {
    this.index = next;
    const unchanged = previous !== undefined && previous.size === next.size && [...next].every(([file, entry]) => previous.get(file)?.parsed === entry.parsed);
    if (this.indexFile && !unchanged) {
      const indexFile = this.indexFile;
      clearTimeout(this.indexTimer);
      // Only the latest load's index is written; a cache that cannot be written just costs the next session a parse.
      this.indexTimer = setTimeout(() => void indexFile.write(next).catch(() => undefined), INDEX_WRITE_DELAY_MS);
    }
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  }

  private watch(folders: vscode.Uri[]): void {
    this.watchers.forEach((watcher) => watcher.dispose());
    this.watchers = folders.map((folder) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.md'));
      watcher.onDidChange(() => this.scheduleReload());
      watcher.onDidCreate(() => this.scheduleReload());
      watcher.onDidDelete(() => this.scheduleReload());
      return watcher;
    });
  }

  private publishDiagnostics(catalog: Catalog): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of catalog.problems.filter((p) => p.source === 'user')) {
      const line = Math.max(0, problem.line - 1);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
        problem.message,
        problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'Nexus';
      byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), diagnostic]);
    }
    for (const [file, list] of byFile) {
      this.diagnostics.set(vscode.Uri.parse(file), list);
    }
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    clearTimeout(this.indexTimer);
    this.watchers.forEach((watcher) => watcher.dispose());
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}

/** The search index and backlinks are built on first use: the tree needs neither to show the topics. */
function loaded(catalog: Catalog): LoadedCatalog {
  const byFile = new Map([...catalog.topics.values()].map((topic) => [topic.file, topic.id]));
  let search: TopicSearch | undefined;
  let backlinks: Map<string, string[]> | undefined;
  return {
    catalog,
    byFile,
    get search() {
      search ??= new TopicSearch(catalog.topics.values());
      return search;
    },
    linkedFrom(topicId) {
      backlinks ??= findBacklinks(catalog.topics, (uri) => byFile.get(uri));
      return (backlinks.get(topicId) ?? []).flatMap((id) => catalog.topics.get(id) ?? []);
    },
  };
}

/** The `nexus.notesFolders` setting as URIs: absolute paths as they are, relative ones in each workspace folder. */
export function notesFolders(): vscode.Uri[] {
  const configured = vscode.workspace.getConfiguration('nexus').get<string[]>('notesFolders', []);
  const folders: vscode.Uri[] = [];
  for (const entry of configured.filter((value) => typeof value === 'string' && value.trim() !== '')) {
    if (entry.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(entry)) {
      folders.push(vscode.Uri.file(entry));
    } else {
      for (const workspaceFolder of vscode.workspace.workspaceFolders ?? []) {
        folders.push(vscode.Uri.joinPath(workspaceFolder.uri, entry));
      }
    }
  }
  return folders;
}

import * as vscode from 'vscode';
import { isSchemaFile, SCHEMA_EXCLUDE, SCHEMA_INCLUDE } from '../core/schema/files';
import { schemaHints } from '../core/schema/hints';
import type { SourceFile } from '../core/schema/model';
import { isSchemaPanelState, isWebviewToExtension, type SchemaMessage } from '../protocol';
import { copyText, saveSvg } from './webviewActions';
import { dressPanel, webviewHtml } from './webviewHtml';

export const SCHEMA_VIEW_TYPE = 'nexus.schema';
// Reading a 200-model project takes ~35 ms (BENCHMARKS.md), so a short pause is enough to let a burst of keys
// settle; most of the budget from keystroke to redrawn diagram (500 ms) is mermaid's layout.
const LIVE_UPDATE_DELAY_MS = 100;
/** The notes the panel links to; nothing else may be opened through it. */
const TEACHING_TOPICS = new Set(['relationships', 'indexing-query-optimization', 'orm-n-plus-one']);

type Parsers = typeof import('../core/schema/index');
let parsers: Parsers | undefined;

/**
 * The parsers are their own bundle (dist/schema.js), loaded the first time a schema is drawn, never at activation.
 * esbuild turns this require of core's index into a require of ./schema.js beside dist/extension.js.
 */
export function loadSchemaParsers(): Parsers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load is the point: see esbuild.mjs
  parsers ??= require('../core/schema/index') as Parsers;
  return parsers;
}

/**
 * `Nexus: Visualize Schema`: the learner's own models as an ER diagram, for the workspace, a folder or a file,
 * redrawn as they type (unsaved changes too). One panel; what it shows survives a reload.
 */
export class SchemaPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  /** A file or folder, or undefined for every workspace folder. */
  private scope: vscode.Uri | undefined;
  private files = new Map<string, vscode.Uri>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last live update started, for `schedule`. */
  private lastScheduled = 0;
  /** Name shown to the learner (workspace-relative path) → the file it was read from. */
  private names = new Map<string, vscode.Uri>();
  private version = 0;
  /** The files in scope and the text read from disk, kept between keystrokes; file events invalidate them. */
  private found: vscode.Uri[] | undefined;
  private readonly diskText = new Map<string, string>();
  /** Listeners that live as long as the panel: edits, saves, files created or deleted in scope. */
  private live: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly openTopic: (topicId: string) => Thenable<unknown>,
  ) {}

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The last message posted, for integration tests. */
  lastMessage: SchemaMessage | undefined;

  async show(target?: vscode.Uri): Promise<void> {
    this.scope = target;
    this.forget();
    if (this.panel) {
      this.panel.reveal();
    } else {
      this.adopt(vscode.window.createWebviewPanel(SCHEMA_VIEW_TYPE, 'Schema', vscode.ViewColumn.Beside, { enableFindWidget: true, retainContextWhenHidden: false }));
    }
    await this.update();
  }

  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.scope = isSchemaPanelState(state) && state.scope ? vscode.Uri.parse(state.scope) : undefined;
    this.forget();
    this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    dressPanel(panel, this.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'schema.js', 'schema.css', 'Schema');
    const changed = (uri: vscode.Uri, added = false): void => {
      if (this.inScope(uri)) {
        this.diskText.delete(uri.toString());
        if (added) {
          this.found = undefined;
        }
        this.schedule();
      }
    };
    const watcher = vscode.workspace.createFileSystemWatcher(SCHEMA_INCLUDE);
    this.live = [
      panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      vscode.workspace.onDidChangeTextDocument((event) => event.contentChanges.length > 0 && changed(event.document.uri)),
      vscode.workspace.onDidSaveTextDocument((document) => changed(document.uri)),
      watcher,
      watcher.onDidCreate((uri) => changed(uri, true)),
      watcher.onDidDelete((uri) => changed(uri, true)),
      watcher.onDidChange((uri) => changed(uri)),
    ];
    panel.onDidDispose(() => {
      this.panel = undefined;
      clearTimeout(this.timer);
      this.live.forEach((disposable) => disposable.dispose());
    });
  }

  private inScope(uri: vscode.Uri): boolean {
    if (this.files.has(uri.toString())) {
      return true;
    }
    const relative = vscode.workspace.asRelativePath(uri, false);
    if (!isSchemaFile(relative)) {
      return false;
    }
    const scope = this.scope?.toString();
    return scope === undefined || uri.toString().startsWith(scope.endsWith('/') ? scope : `${scope}/`);
  }

  /**
   * A keystroke after a pause redraws at once; keys that follow within the delay wait for it, and the last of them
   * always redraws, so a burst of typing costs one update at each end.
   */
  private schedule(): void {
    clearTimeout(this.timer);
    const run = (): void => {
      this.lastScheduled = Date.now();
      void this.update();
    };
    if (Date.now() - this.lastScheduled >= LIVE_UPDATE_DELAY_MS) {
      run();
    } else {
      this.timer = setTimeout(run, LIVE_UPDATE_DELAY_MS);
    }
  }

  /** The files in scope: the file itself, or what the shared include pattern finds under the folder(s). */
  private async findFiles(): Promise<vscode.Uri[]> {
    if (this.scope) {
      const stat = await vscode.workspace.fs.stat(this.scope).then(
        (found) => found,
        () => undefined,
      );
      if (stat?.type === vscode.FileType.File) {
        return [this.scope];
      }
      if (!stat) {
        return [];
      }
    }
    const bases = this.scope ? [this.scope] : (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri);
    const found = await Promise.all(bases.map((base) => vscode.workspace.findFiles(new vscode.RelativePattern(base, SCHEMA_INCLUDE), SCHEMA_EXCLUDE, 2000)));
    return found.flat().sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  /** Open editors win over the disk, so the diagram follows unsaved changes. */
  private async read(uri: vscode.Uri): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) {
      return open.getText();
    }
    const cached = this.diskText.get(uri.toString());
    if (cached !== undefined) {
      return cached;
    }
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.diskText.set(uri.toString(), text);
      return text;
    } catch {
      return undefined;
    }
  }

  private forget(): void {
    this.found = undefined;
    this.diskText.clear();
  }

  async message(): Promise<SchemaMessage> {
    // A keystroke re-reads only the open editor: the file list and the other files' text come from the cache.
    const uris = (this.found ??= await this.findFiles());
    const sources: SourceFile[] = [];
    const files = new Map<string, vscode.Uri>();
    for (const uri of uris) {
      const text = await this.read(uri);
      if (text !== undefined) {
        // Files are named as the learner sees them in the explorer; the URI behind each name stays here.
        const name = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
        files.set(name, uri);
        sources.push({ file: name, text });
      }
    }
    const model = await loadSchemaParsers().parseSchema(sources);
    this.files = new Map([...files.values()].map((uri) => [uri.toString(), uri]));
    this.names = files;
    const title = this.scope ? vscode.workspace.asRelativePath(this.scope, false) : (vscode.workspace.name ?? 'Workspace');
    return { type: 'schema', title, scope: this.scope?.toString() ?? '', model, hints: schemaHints(model) };
  }

  private async update(): Promise<void> {
    if (!this.panel || !this.ready) {
      return;
    }
    const version = ++this.version;
    const message = await this.message();
    if (version === this.version && this.panel) {
      this.lastMessage = message;
      this.panel.title = `Schema: ${message.title}`;
      await this.panel.webview.postMessage(message);
    }
  }

  private async receive(data: unknown): Promise<void> {
    if (!isWebviewToExtension(data)) {
      return;
    }
    switch (data.type) {
      case 'ready':
        this.ready = true;
        await this.update();
        return;
      case 'openLocation': {
        // Only a file the model was read from: the webview names it, the extension decides what that is.
        const uri = this.names.get(data.file);
        if (uri) {
          const line = Math.max(0, Math.floor(data.line) - 1);
          const position = new vscode.Position(line, 0);
          await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
        }
        return;
      }
      case 'openTopic':
        if (TEACHING_TOPICS.has(data.topicId)) {
          await this.openTopic(data.topicId);
        }
        return;
      case 'copyText':
        await copyText(data.text, data.what);
        return;
      case 'saveSvg':
        await saveSvg(data.svg, data.name, this.scope);
        return;
      default:
        return;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
  }
}

/** Registers `Nexus: Visualize Schema` and the panel's serializer; `openTopic` opens a note by id. */
export function registerSchema(context: vscode.ExtensionContext, openTopic: (topicId: string) => Thenable<unknown>): SchemaPanel {
  const schema = new SchemaPanel(context.extensionUri, openTopic);
  context.subscriptions.push(
    schema,
    // From the palette nothing is passed (the whole workspace); from the explorer or an editor title, its resource.
    vscode.commands.registerCommand('nexus.visualizeSchema', (target?: unknown) => schema.show(target instanceof vscode.Uri ? target : undefined)),
    vscode.window.registerWebviewPanelSerializer(SCHEMA_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => schema.restore(panel, state) }),
  );
  return schema;
}

import * as vscode from 'vscode';
import type { Topic } from './core/model';
import { ARCHITECTURE_VIEW_TYPE, ArchitecturePanel } from './views/architecturePanel';
import { CatalogIndexFile } from './views/catalogIndexFile';
import { CatalogService } from './views/catalogService';
import { goToTopic } from './views/goToTopic';
import { insertIntoEditor } from './views/insertSnippet';
import { MarkdownPreviews, PREVIEW_VIEW_TYPE } from './views/markdownPreview';
import { newNote } from './views/newNote';
import { NOTE_VIEW_TYPE, NotePanels } from './views/notePanel';
import type { NoteActions } from './views/noteRequests';
import { NoteStateStore } from './views/noteStateStore';
import { registerPortfolio, type Portfolio } from './views/portfolio';
import { ProgressStore } from './views/progressStore';
import { registerReview, type Review } from './views/review';
import { registerSchema, type SchemaPanel } from './views/schemaPanel';
import { filterTopics } from './views/topicFilter';
import { topicIdFromLink, topicLink } from './views/topicLink';
import { drfOriginal } from './core/snippets/snippetCatalog';
import { SnippetTreeProvider, type SnippetNode } from './views/snippetTree';
import { FILTERED_CONTEXT, TopicTreeProvider, type TopicNode } from './views/topicTree';
import { openWalkthroughOnFirstRun } from './views/walkthrough';

/** What `activate` returns: the live parts, for integration tests and for extensions that build on Nexus. */
export interface NexusApi {
  /** How long the body of activate() took, in ms (module loading excluded), for the benchmark. */
  activationMs: number;
  architecture: ArchitecturePanel;
  snippets: SnippetTreeProvider;
  catalog: CatalogService;
  progress: ProgressStore;
  tree: TopicTreeProvider;
  notes: NotePanels;
  previews: MarkdownPreviews;
  review: Review;
  portfolio: Portfolio;
  schema: SchemaPanel;
}

/** Composition root: wires the parts and registers what VS Code needs; loads no content (that waits for use). */
export function activate(context: vscode.ExtensionContext): NexusApi {
  const started = performance.now();
  const catalog = new CatalogService(vscode.Uri.joinPath(context.extensionUri, 'content'), new CatalogIndexFile(context.globalStorageUri, context.extension));
  const progress = new ProgressStore(context.globalState, context.globalStorageUri);
  const tree = new TopicTreeProvider(catalog, progress);
  const view = vscode.window.createTreeView('nexus.topics', { treeDataProvider: tree, showCollapseAll: true, manageCheckboxStateManually: true });
  tree.view = view;
  const snippets = new SnippetTreeProvider(vscode.Uri.joinPath(context.extensionUri, 'content'));
  const noteStates = new NoteStateStore(context.globalStorageUri);
  // Each opens the other (notes link to the architecture, its parts open notes), so each calls through a closure.
  const architecture: ArchitecturePanel = new ArchitecturePanel(context.extensionUri, catalog, context.globalStorageUri, (topic) => notes.show(topic, { beside: true }));
  const noteActions: NoteActions = {
    insertCode: async (code, prefix) => {
      const snippet = prefix ? await snippets.find(prefix) : undefined;
      await (snippet ? insertIntoEditor(snippet.body, 'snippet') : insertIntoEditor(code, 'code'));
    },
    openArchitecture: (flowId) => architecture.show(flowId),
    describeSnippets: async (prefixes) => {
      const known = await Promise.all(prefixes.map((prefix) => snippets.find(prefix)));
      return known.flatMap((snippet, index) => (snippet ? [{ prefix: prefixes[index], original: drfOriginal(snippet) }] : []));
    },
  };
  const notes: NotePanels = new NotePanels(context.extensionUri, catalog, noteStates, noteActions, context.globalStorageUri);
  const previews = new MarkdownPreviews(context.extensionUri, catalog, noteActions, (topic, anchor) => notes.show(topic, { beside: true, anchor }));
  const openTopic = (topic: Topic, options: { toSide?: boolean } = {}): Promise<unknown> => notes.show(topic, options);
  const review = registerReview(context, { catalog, progress, tree, actions: noteActions, openTopic: (topic, anchor) => notes.show(topic, { beside: true, anchor }) });
  const portfolio = registerPortfolio(context, {
    extensionUri: context.extensionUri,
    catalog,
    progress,
    review: review.store,
    actions: noteActions,
    openTopic: (topic, anchor) => notes.show(topic, { beside: true, anchor }),
    activeTopic: () => notes.active?.topic,
    selectedTopic: () => selectedTopics(undefined)[0],
    preview: (uri) => previews.show(uri),
  });
  const schema = registerSchema(context, async (topicId) => {
    const topic = (await catalog.get()).catalog.topics.get(topicId);
    await (topic ? notes.show(topic, { beside: true }) : openById(topicId));
  });
  const revealInTree = (topic: Topic | undefined): void => {
    if (topic && view.visible) {
      void view.reveal(tree.nodeFor(topic), { select: true, focus: false });
    }
  };

  /** Commands get a tree node from menus and clicks, or nothing from the palette and keybindings. */
  const topicOf = (node: TopicNode | undefined): Topic | undefined => (node?.kind === 'topic' ? node.topic : undefined);
  const selectedTopics = (node: TopicNode | undefined): Topic[] => {
    const picked = view.selection.map(topicOf).filter((topic): topic is Topic => topic !== undefined);
    const clicked = topicOf(node);
    return clicked && !picked.includes(clicked) ? [clicked] : picked;
  };
  const openById = async (id: string): Promise<void> => {
    const topic = (await catalog.get()).catalog.topics.get(id);
    if (topic) {
      await openTopic(topic);
    } else {
      void vscode.window.showWarningMessage(`Nexus has no topic "${id}".`);
    }
  };

  context.subscriptions.push(
    catalog,
    progress,
    tree,
    view,
    view.onDidChangeCheckboxState(async (event) => {
      for (const [node, state] of event.items) {
        const topic = topicOf(node);
        if (topic) {
          await progress.setStudied([topic.id], state === vscode.TreeItemCheckboxState.Checked);
        }
      }
    }),
    notes,
    noteStates,
    notes.onDidActivate(revealInTree),
    vscode.window.onDidChangeActiveTextEditor((editor) => revealInTree(editor && catalog.topicForUri(editor.document.uri))),
    vscode.window.registerWebviewPanelSerializer(NOTE_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => notes.restore(panel, state) }),
    vscode.commands.registerCommand('nexus.openNoteSource', async () => {
      const topic = notes.active?.topic;
      if (topic) {
        await vscode.window.showTextDocument(vscode.Uri.parse(topic.file), { viewColumn: vscode.ViewColumn.Beside });
      }
    }),
    vscode.window.registerUriHandler({ handleUri: (uri) => openById(topicIdFromLink(uri) ?? '') }),
    vscode.commands.registerCommand('nexus.goToTopic', () => goToTopic(catalog, (topic) => openTopic(topic))),
    vscode.commands.registerCommand('nexus.openTopic', async (node?: TopicNode | string) => {
      if (typeof node === 'string') {
        await openById(node);
        return;
      }
      const topic = topicOf(node);
      await (topic ? openTopic(topic) : goToTopic(catalog, (t) => openTopic(t)));
    }),
    vscode.commands.registerCommand('nexus.openTopicToSide', async (node?: TopicNode) => {
      const topic = topicOf(node);
      if (topic) {
        await openTopic(topic, { toSide: true });
      }
    }),
    vscode.commands.registerCommand('nexus.markStudied', (node?: TopicNode) => progress.setStudied(selectedTopics(node).map((t) => t.id), true)),
    vscode.commands.registerCommand('nexus.markNotStudied', (node?: TopicNode) => progress.setStudied(selectedTopics(node).map((t) => t.id), false)),
    vscode.commands.registerCommand('nexus.copyTopicLink', async (node?: TopicNode) => {
      const topic = topicOf(node);
      if (topic) {
        await vscode.env.clipboard.writeText(topicLink(context, topic).toString());
        void vscode.window.setStatusBarMessage(`Copied the link to "${topic.title}"`, 3000);
      }
    }),
    vscode.commands.registerCommand('nexus.filterTopics', () => filterTopics(tree)),
    vscode.commands.registerCommand('nexus.clearTopicFilter', () => tree.setFilter('')),
    vscode.commands.registerCommand('nexus.resetProgress', async () => {
      const reset = 'Reset Progress';
      const answer = await vscode.window.showWarningMessage(
        'Mark every topic as not studied?',
        { modal: true, detail: 'This clears your progress on all machines that sync it. It cannot be undone.' },
        reset,
      );
      if (answer === reset) {
        await progress.reset();
      }
    }),
    vscode.commands.registerCommand('nexus.reloadTopics', () => catalog.reload()),
    vscode.commands.registerCommand('nexus.addNotesFolder', async () => {
      const [folder] = (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Add Notes Folder' })) ?? [];
      if (folder) {
        const config = vscode.workspace.getConfiguration('nexus');
        const folders = config.get<string[]>('notesFolders', []);
        await config.update('notesFolders', [...folders, folder.fsPath], vscode.ConfigurationTarget.Global);
      }
    }),
    vscode.window.createTreeView('nexus.snippets', { treeDataProvider: snippets, showCollapseAll: true }),
    vscode.commands.registerCommand('nexus.insertSnippet', async (node?: SnippetNode) => {
      if (node?.kind === 'snippet') {
        await insertIntoEditor(node.snippet.body, 'snippet');
      }
    }),
    architecture,
    vscode.commands.registerCommand('nexus.openArchitecture', (flowId?: unknown) => architecture.show(typeof flowId === 'string' ? flowId : undefined)),
    vscode.window.registerWebviewPanelSerializer(ARCHITECTURE_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => architecture.restore(panel, state) }),
    previews,
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => previews.restore(panel, state) }),
    vscode.commands.registerCommand('nexus.openPreviewToSide', async (uri?: unknown) => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      if (target) {
        await previews.show(target);
      } else {
        void vscode.window.showInformationMessage('Open a markdown file to preview it with Nexus.');
      }
    }),
    vscode.commands.registerCommand('nexus.newNote', () => newNote(catalog, (uri) => previews.show(uri))),
  );
  void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, false);
  void openWalkthroughOnFirstRun(context);
  return { activationMs: performance.now() - started, architecture, snippets, catalog, progress, tree, notes, previews, review, portfolio, schema };
}

export function deactivate(): void {}

import * as vscode from 'vscode';
import { readArchitecture, type Architecture } from '../core/architecture/architectureModel';
import type { Topic } from '../core/model';
import { appendPortfolio, exportPortfolio, freshPortfolio, type PortfolioInput } from '../core/portfolio/portfolio';
import { reviewByCategory } from '../core/portfolio/sections/review';
import { addTakeaway, parseTakeaways, TAKEAWAYS_FILE, type Takeaways } from '../core/portfolio/takeawayFile';
import { isSchemaFile, SCHEMA_EXCLUDE, SCHEMA_INCLUDE } from '../core/schema/files';
import { writeFileAtomically } from './atomicWrite';
import { notesFolders, type CatalogService } from './catalogService';
import { goToTopic } from './goToTopic';
import type { NoteActions } from './noteRequests';
import { PortfolioPanel } from './portfolioPanel';
import type { ProgressStore } from './progressStore';
import type { ReviewStore } from './reviewStore';
import type { TopicNode } from './topicTree';
import { loadSchemaParsers } from './schemaPanel';


const README = 'README.md';
/** A workspace with more schema files than this is not a learner's project: the portfolio goes without a schema. */
const MAX_SCHEMA_FILES = 200;

export interface PortfolioParts {
  extensionUri: vscode.Uri;
  catalog: CatalogService;
  progress: ProgressStore;
  review: ReviewStore | undefined;
  actions: NoteActions;
  openTopic(topic: Topic, anchor: string | undefined): Thenable<unknown>;
  /** The topic of the active note panel, for Add Takeaway from the palette. */
  activeTopic(): Topic | undefined;
  /**
   * The topic selected in the Topics tree: a context-menu command can arrive without its row when the tree redrew
   * just before (VS Code could not map the row back), and the row right-clicked is the one selected.
   */
  selectedTopic(): Topic | undefined;
  /** Opens the written README in the Nexus preview. */
  preview(uri: vscode.Uri): Thenable<unknown>;
}

export interface Portfolio {
  panel: PortfolioPanel;
  addTakeaway(topic: Topic, text: string): Promise<vscode.Uri | undefined>;
}

/** `Nexus: Add Takeaway…` and `Nexus: Export Portfolio…`, wired in one place. */
export function registerPortfolio(context: vscode.ExtensionContext, parts: PortfolioParts): Portfolio {
  const panel = new PortfolioPanel(parts.extensionUri, parts.catalog, parts.actions, parts.openTopic);
  const askTakeaway = async (topic: Topic): Promise<void> => {
    const text = await vscode.window.showInputBox({
      title: `Add Takeaway: ${topic.title}`,
      prompt: `What you took away, in your words (markdown). It goes into ${TAKEAWAYS_FILE} in your notes folder.`,
      validateInput: (value) => (value.trim() === '' ? 'Write the takeaway, or press Escape.' : undefined),
    });
    if (text !== undefined) {
      await writeTakeaway(parts.extensionUri, topic, text);
    }
  };
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand('nexus.addTakeaway', async (node?: TopicNode) => {
      const topic = node?.kind === 'topic' ? node.topic : node ? undefined : (parts.selectedTopic() ?? parts.activeTopic());
      await (topic ? askTakeaway(topic) : goToTopic(parts.catalog, askTakeaway));
    }),
    vscode.commands.registerCommand('nexus.exportPortfolio', () => exportCommand(parts, panel)),
  );
  return { panel, addTakeaway: (topic, text) => writeTakeaway(parts.extensionUri, topic, text) };
}

/**
 * Appends the takeaway to `takeaways.md` in the learner's first notes folder: their file, never bundled content.
 * When the file is open, the change goes through its editor, so unsaved edits there are kept.
 */
async function writeTakeaway(extensionUri: vscode.Uri, topic: Topic, takeaway: string): Promise<vscode.Uri | undefined> {
  const folder = notesFolders()[0];
  if (!folder) {
    const add = 'Add Notes Folder…';
    if ((await vscode.window.showWarningMessage(`Nexus keeps takeaways in ${TAKEAWAYS_FILE} in your notes folder, and you have none yet.`, add)) === add) {
      await vscode.commands.executeCommand('nexus.addNotesFolder');
    }
    return undefined;
  }
  const file = vscode.Uri.joinPath(folder, TAKEAWAYS_FILE);
  if (file.toString().startsWith(`${extensionUri.toString()}/`)) {
    void vscode.window.showErrorMessage(`Nexus does not write into its own content: pick a notes folder of yours (setting nexus.notesFolders).`);
    return undefined;
  }
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === file.toString());
  if (open) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(file, new vscode.Range(0, 0, open.lineCount, 0), addTakeaway(open.getText(), topic, takeaway));
    await vscode.workspace.applyEdit(edit);
    await open.save();
  } else {
    await writeFileAtomically(file, addTakeaway(await readText(file), topic, takeaway));
  }
  const show = 'Open Takeaways';
  void vscode.window.showInformationMessage(`Added your takeaway on "${topic.title}" to ${TAKEAWAYS_FILE}.`, show).then((answer) => {
    if (answer === show) {
      void vscode.window.showTextDocument(file);
    }
  });
  return file;
}

async function readText(file: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch {
    return undefined;
  }
}

/** The folder whose README.md the portfolio goes to: a workspace folder, or one the learner picks. */
async function chooseReadme(): Promise<vscode.Uri | undefined> {
  const choose = { label: '$(folder-opened) Choose a Folder…', folder: undefined };
  const folders = await Promise.all(
    (vscode.workspace.workspaceFolders ?? []).map(async (folder) => {
      const uri = vscode.Uri.joinPath(folder.uri, README);
      const exists = (await readText(uri)) !== undefined;
      return { label: `$(book) ${README} in ${folder.name}`, description: exists ? 'update it' : 'create it', folder: folder.uri };
    }),
  );
  const picked = folders.length === 0 ? choose : await vscode.window.showQuickPick([...folders, choose], { title: 'Export Portfolio: where', placeHolder: `The portfolio is written as ${README} of a folder` });
  if (!picked) {
    return undefined;
  }
  const folder = picked.folder ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Export Portfolio Here' }))?.[0];
  return folder && vscode.Uri.joinPath(folder, README);
}

async function exportCommand(parts: PortfolioParts, panel: PortfolioPanel): Promise<void> {
  const readme = await chooseReadme();
  if (!readme) {
    return;
  }
  const existing = await readText(readme);
  const input = await portfolioInput(parts, readme);
  const result = exportPortfolio(existing, input);
  let text = result.text;
  let backup = false;
  if (existing !== undefined && existing.trim() !== '' && !result.hadMarkers) {
    const below = 'Add Below Your Text';
    const replace = 'Replace It';
    const answer = await vscode.window.showWarningMessage(
      `${README} has no Nexus sections yet. Add the portfolio below your text, or replace the file?`,
      { modal: true, detail: `Either way Nexus first keeps a copy of the file as it is now beside it (${README}.bak).` },
      below,
      replace,
    );
    if (!answer) {
      return;
    }
    text = answer === below ? appendPortfolio(existing, input) : freshPortfolio(input);
    backup = true;
  }
  await panel.show(readme, text);
  const where = vscode.workspace.asRelativePath(readme);
  const changes = [result.updated.length > 0 ? `updates ${result.updated.length} sections` : '', result.added.length > 0 && result.hadMarkers ? `adds ${result.added.join(', ')}` : ''].filter(Boolean);
  const problems = result.problems.map((p) => `line ${p.line}: ${p.message}`);
  if (problems.length > 0) {
    void vscode.window.showWarningMessage(`${where}: ${problems.length === 1 ? 'a marker' : `${problems.length} markers`} Nexus left as they are. ${problems.join(' ')}`);
  }
  const save = 'Save';
  const answer = await vscode.window.showInformationMessage(
    `Save the portfolio to ${where}?${changes.length > 0 ? ` It ${changes.join(' and ')}; your own text stays as it is.` : ''}`,
    save,
  );
  if (answer !== save) {
    return;
  }
  if ((await readText(readme)) !== existing) {
    void vscode.window.showWarningMessage(`${where} changed since the preview: run Export Portfolio again so nothing you wrote is lost.`);
    return;
  }
  if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === readme.toString() && document.isDirty)) {
    void vscode.window.showWarningMessage(`${where} has unsaved changes in an editor: save or revert them, then export again.`);
    return;
  }
  if (backup && existing !== undefined) {
    await vscode.workspace.fs.writeFile(await freeBackupName(readme), new TextEncoder().encode(existing));
  }
  await writeFileAtomically(readme, text);
  panel.close();
  await parts.preview(readme);
  void vscode.window.setStatusBarMessage(`Portfolio saved to ${where}`, 5000);
}

/** `README.md.bak`, or `README.md.2.bak` and so on: an earlier backup is never overwritten. */
async function freeBackupName(file: vscode.Uri): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const candidate = file.with({ path: `${file.path}${n === 1 ? '' : `.${n}`}.bak` });
    if ((await readText(candidate)) === undefined) {
      return candidate;
    }
  }
}

/** Everything the portfolio is made of, read now: progress, notes, takeaways, the architecture, schema and review. */
export async function portfolioInput(parts: PortfolioParts, readme: vscode.Uri): Promise<PortfolioInput> {
  const [{ catalog }] = await Promise.all([parts.catalog.get(), parts.progress.ready(), parts.review?.ready()]);
  const takeaways: Takeaways[] = [];
  for (const folder of notesFolders()) {
    const text = await readText(vscode.Uri.joinPath(folder, TAKEAWAYS_FILE));
    takeaways.push(...parseTakeaways(text ?? ''));
  }
  const [architecture, schema] = await Promise.all([readArchitectureFile(parts.extensionUri, new Set(catalog.topics.keys())), readSchema(readme)]);
  const review = parts.review && reviewByCategory(parts.review.get(), catalog);
  return {
    catalog,
    progress: parts.progress.get(),
    readme: readme.toString(),
    takeaways,
    ...(architecture ? { architecture } : {}),
    ...(schema ? { schema } : {}),
    ...(review && review.length > 0 ? { review } : {}),
  };
}

async function readArchitectureFile(extensionUri: vscode.Uri, topicIds: ReadonlySet<string>): Promise<Architecture | undefined> {
  const file = vscode.Uri.joinPath(extensionUri, 'content', 'architecture.yaml');
  const text = await readText(file);
  return text === undefined ? undefined : readArchitecture(file.toString(), text, topicIds).architecture;
}

/**
 * The learner's schema, read the way `Nexus: Visualize Schema` reads it, from the workspace folder the README is
 * in. The parsers load only now (they are a bundle of their own); any failure leaves the schema out.
 */
async function readSchema(readme: vscode.Uri): Promise<PortfolioInput['schema']> {
  const folder = vscode.workspace.getWorkspaceFolder(readme);
  if (!folder) {
    return undefined;
  }
  try {
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, SCHEMA_INCLUDE), SCHEMA_EXCLUDE, MAX_SCHEMA_FILES + 1);
    const uris = found.filter((uri) => isSchemaFile(vscode.workspace.asRelativePath(uri, false)));
    if (uris.length === 0 || found.length > MAX_SCHEMA_FILES) {
      return undefined;
    }
    const files = await Promise.all(uris.map(async (uri) => ({ file: uri.toString(), text: (await readText(uri)) ?? '' })));
    // Loaded now, not at activation (the schema panel's lazy bundle).
    const { parseSchema, toMermaid } = loadSchemaParsers();
    const model = await parseSchema(files);
    const drawn = model.entities.filter((entity) => !entity.abstract && !entity.external && !entity.implicit);
    if (drawn.length === 0) {
      return undefined;
    }
    return { mermaid: toMermaid(model).source, files: [...new Set(drawn.map((entity) => entity.file))].sort() };
  } catch {
    return undefined;
  }
}

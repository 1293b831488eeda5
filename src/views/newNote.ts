import * as vscode from 'vscode';
import { MY_NOTES } from '../core/loadCatalog';
import { noteTemplate } from '../core/noteTemplate';
import { notesFolders, type CatalogService } from './catalogService';

const DEFAULT_FOLDER = 'notes';

/**
 * `Nexus: New Note…`: a category, a title, and a note written from the template into the learner's first notes
 * folder (offering to create `notes/` in the workspace when there is none), opened with its preview beside it.
 * Returns the new file, or undefined when the learner backed out.
 */
export async function newNote(catalog: CatalogService, preview: (uri: vscode.Uri) => Thenable<unknown>): Promise<vscode.Uri | undefined> {
  const folder = notesFolders()[0] ?? (await offerNotesFolder());
  if (!folder) {
    return undefined;
  }
  const { categories } = (await catalog.get()).catalog;
  const picked = await vscode.window.showQuickPick(
    [
      ...categories.filter((category) => category.id !== MY_NOTES.id).map((category) => ({ label: `$(${category.icon}) ${category.title}`, description: category.id, id: category.id })),
      { label: `$(${MY_NOTES.icon}) ${MY_NOTES.title}`, description: 'the top of your notes folder', id: MY_NOTES.id },
    ],
    { title: 'New Note: category', placeHolder: 'Where the note goes in the Topics tree' },
  );
  if (!picked) {
    return undefined;
  }
  const title = await vscode.window.showInputBox({
    title: 'New Note: title',
    prompt: 'The title of your note',
    validateInput: (value) => (value.trim() === '' ? 'Give the note a title.' : undefined),
  });
  if (title === undefined) {
    return undefined;
  }
  const { id, text } = noteTemplate(title);
  const dir = picked.id === MY_NOTES.id ? folder : vscode.Uri.joinPath(folder, picked.id);
  const file = await freeName(dir, id);
  await vscode.workspace.fs.createDirectory(dir);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.One });
  // The cursor starts on the first goal, where the learner's own words begin.
  const goal = editor.document.getText().split('\n').findIndex((line) => line.startsWith('- You will be able to'));
  if (goal >= 0) {
    const end = editor.document.lineAt(goal).range.end;
    editor.selection = new vscode.Selection(end, end);
  }
  await preview(file);
  return file;
}

async function offerNotesFolder(): Promise<vscode.Uri | undefined> {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace) {
    const add = 'Add Notes Folder…';
    const answer = await vscode.window.showWarningMessage('Nexus needs a folder for your notes: open a folder, or add a notes folder.', add);
    if (answer === add) {
      await vscode.commands.executeCommand('nexus.addNotesFolder');
      return notesFolders()[0];
    }
    return undefined;
  }
  const create = `Create ${DEFAULT_FOLDER}/`;
  const answer = await vscode.window.showInformationMessage(
    `You have no notes folder yet. Create "${DEFAULT_FOLDER}/" in ${workspace.name} and show it in Nexus?`,
    { modal: true, detail: `Nexus adds "${DEFAULT_FOLDER}" to the nexus.notesFolders setting of this workspace.` },
    create,
  );
  if (answer !== create) {
    return undefined;
  }
  const folder = vscode.Uri.joinPath(workspace.uri, DEFAULT_FOLDER);
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.getConfiguration('nexus').update('notesFolders', [DEFAULT_FOLDER], vscode.ConfigurationTarget.Workspace);
  return folder;
}

/** `<id>.md`, or `<id>-2.md` and so on when the learner already has a note of that name: never overwrite one. */
async function freeName(dir: vscode.Uri, id: string): Promise<vscode.Uri> {
  for (let n = 1; ; n += 1) {
    const candidate = vscode.Uri.joinPath(dir, `${n === 1 ? id : `${id}-${n}`}.md`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

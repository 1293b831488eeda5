import type { Catalog, Category, Problem, SourceKind, Topic } from './model';
import { parseTopic, type ParsedTopic } from './parseTopic';
import { parseSnippetNames } from './snippetNames';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

/**
 * How core reads files: the extension passes `vscode.workspace.fs` in, tests pass the real disk, so core stays
 * pure and could run in a web extension. Paths are URI strings; children are joined with `/`.
 */
export interface ContentReader {
  readFile(path: string): Promise<string>;
  /** The entries of a folder; a missing folder reads as empty. */
  readDirectory(path: string): Promise<Array<{ name: string; isDirectory: boolean }>>;
}

export interface CatalogRoots {
  /** The bundled `content/` folder: `categories.yaml`, `topics/<category>/<slug>.md`, `snippets/`. */
  bundled: string;
  /** Folders of the learner's own notes: `<category>/<slug>.md`, or loose `*.md` under My Notes. */
  user: readonly string[];
}

export const MY_NOTES: Omit<Category, 'topics'> = { id: 'my-notes', title: 'My Notes', icon: 'notebook', order: 10_000 };

export function childPath(parent: string, name: string): string {
  return `${parent.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}

/** Loads everything it can; every problem is collected with its file and line, never thrown. */
export async function loadCatalog(reader: ContentReader, roots: CatalogRoots): Promise<Catalog> {
  const problems: Problem[] = [];
  const categoriesFile = childPath(roots.bundled, 'categories.yaml');
  const [categories, snippetNames, bundledFiles, userFiles] = await Promise.all([
    readCategories(reader, categoriesFile, problems),
    readSnippetNames(reader, childPath(roots.bundled, 'snippets'), problems),
    listNotes(reader, childPath(roots.bundled, 'topics'), 'bundled', problems),
    Promise.all(roots.user.map((root) => listNotes(reader, root, 'user', problems))).then((lists) => lists.flat()),
  ]);

  const parsed: ParsedTopic[] = await Promise.all(
    [...bundledFiles, ...userFiles].map(async (note) => {
      let text: string;
      try {
        text = await reader.readFile(note.file);
      } catch (error) {
        text = '';
        problems.push({ file: note.file, line: 1, message: `Could not read the file: ${String(error)}`, severity: 'error', source: note.source });
      }
      return parseTopic(note.file, text, note.category ?? MY_NOTES.id, note.source);
    }),
  );

  const topics = new Map<string, Topic>();
  const byCategory = new Map<string, Category>(categories.map((category) => [category.id, { ...category, topics: [] }]));
  for (const { topic, problems: own, idLine, implicitId } of parsed) {
    problems.push(...own);
    if (implicitId && topic.source === 'user') {
      // A plain note named like another topic is still its own note: number it rather than report a clash.
      const base = topic.id;
      for (let n = 2; topics.has(topic.id); n += 1) {
        topic.id = `${base}-${n}`;
      }
    }
    const first = topics.get(topic.id);
    if (first) {
      problems.push({
        file: topic.file,
        line: idLine,
        message: `Duplicate id \`${topic.id}\`: ${displayName(first.file)} already uses it. Give this note another id.`,
        severity: 'error',
        source: topic.source,
      });
      continue;
    }
    topics.set(topic.id, topic);
    let category = byCategory.get(topic.category);
    if (!category) {
      if (topic.category === MY_NOTES.id) {
        category = { ...MY_NOTES, topics: [] };
      } else {
        // A learner's folder is a category of its own; a bundled note in an unlisted folder is a mistake to name.
        if (topic.source === 'bundled') {
          problems.push({
            file: topic.file,
            line: 1,
            message: `Unknown category \`${topic.category}\` (the note's folder): use one of ${categories.map((c) => c.id).join(', ')}, or add it to ${displayName(categoriesFile)}.`,
            severity: 'warning',
            source: topic.source,
          });
        }
        category = { id: topic.category, title: topic.category, icon: 'folder', order: MY_NOTES.order - 1, topics: [] };
      }
      byCategory.set(category.id, category);
    }
    category.topics.push(topic);
  }

  for (const { topic, keyLines } of parsed) {
    if (topics.get(topic.id) !== topic) {
      continue;
    }
    const blame = (key: string, message: string): void => {
      problems.push({ file: topic.file, line: keyLines.get(key) ?? 1, message, severity: 'error', source: topic.source });
    };
    for (const key of ['prerequisites', 'related'] as const) {
      for (const ref of topic[key]) {
        if (!topics.has(ref)) {
          blame(key, `\`${key}\` names \`${ref}\`, which is no topic id: check the spelling or remove it.`);
        }
      }
    }
    for (const name of topic.snippets) {
      if (!snippetNames.has(name)) {
        blame('snippets', `\`snippets\` names \`${name}\`, which is no snippet: use a prefix from content/snippets, e.g. \`drf-…\`.`);
      }
    }
  }

  const ordered = [...byCategory.values()]
    .filter((category) => category.topics.length > 0)
    .sort(byOrderThenTitle);
  for (const category of ordered) {
    category.topics.sort(byOrderThenTitle);
  }
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { categories: ordered, topics, problems };
}

function byOrderThenTitle(a: { order: number; title: string }, b: { order: number; title: string }): number {
  return a.order - b.order || a.title.localeCompare(b.title);
}

export function displayName(path: string): string {
  const parts = path.split('/');
  return decodeURIComponent(parts.slice(-2).join('/'));
}

interface NoteFile {
  file: string;
  category: string | undefined;
  source: SourceKind;
}

async function listNotes(reader: ContentReader, root: string, source: SourceKind, problems: Problem[]): Promise<NoteFile[]> {
  const notes: NoteFile[] = [];
  const entries = await safeReadDirectory(reader, root, source, problems);
  await Promise.all(
    entries.map(async (entry) => {
      const path = childPath(root, entry.name);
      if (entry.isDirectory) {
        for (const inner of await safeReadDirectory(reader, path, source, problems)) {
          if (!inner.isDirectory && isMarkdown(inner.name)) {
            notes.push({ file: childPath(path, inner.name), category: entry.name, source });
          }
        }
      } else if (isMarkdown(entry.name)) {
        if (source === 'bundled') {
          problems.push({ file: path, line: 1, message: 'A bundled note must sit in a category folder: topics/<category>/<slug>.md.', severity: 'error', source });
        } else {
          notes.push({ file: path, category: undefined, source });
        }
      }
    }),
  );
  return notes.sort((a, b) => (a.file < b.file ? -1 : 1));
}

function isMarkdown(name: string): boolean {
  return /\.md$/i.test(name) && !/^readme\.md$/i.test(name);
}

async function safeReadDirectory(reader: ContentReader, path: string, source: SourceKind, problems: Problem[]) {
  try {
    return await reader.readDirectory(path);
  } catch (error) {
    problems.push({ file: path, line: 1, message: `Could not read the folder: ${String(error)}`, severity: 'error', source });
    return [];
  }
}

async function readCategories(reader: ContentReader, file: string, problems: Problem[]): Promise<Array<Omit<Category, 'topics'>>> {
  let text: string;
  try {
    text = await reader.readFile(file);
  } catch {
    return [];
  }
  const problem = (line: number, message: string): void => {
    problems.push({ file, line, message, severity: 'error', source: 'bundled' });
  };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problem(lineCounter.linePos(error.pos[0]).line, `Not valid YAML: ${error.message.split('\n')[0]}`);
    }
    return [];
  }
  if (!isSeq(doc.contents)) {
    problem(1, 'categories.yaml must be a list of `- id: …, title: …, icon: …, order: …` entries.');
    return [];
  }
  const categories: Array<Omit<Category, 'topics'>> = [];
  for (const item of doc.contents.items) {
    const line = item && typeof item === 'object' && 'range' in item && item.range ? lineCounter.linePos(item.range[0]).line : 1;
    const { id, title, icon, order } = isMap(item) ? (item.toJSON() as Record<string, unknown>) : {};
    if (typeof id !== 'string' || typeof title !== 'string' || typeof icon !== 'string' || typeof order !== 'number') {
      problem(line, 'Each category needs `id` and `title` (text), `icon` (a codicon name) and `order` (a number).');
      continue;
    }
    categories.push({ id, title, icon, order });
  }
  return categories;
}

async function readSnippetNames(reader: ContentReader, folder: string, problems: Problem[]): Promise<Set<string>> {
  const names = new Set<string>();
  let entries: Array<{ name: string; isDirectory: boolean }>;
  try {
    entries = await reader.readDirectory(folder);
  } catch {
    return names;
  }
  for (const entry of entries.filter((e) => !e.isDirectory && e.name.endsWith('.code-snippets'))) {
    const file = childPath(folder, entry.name);
    const result = parseSnippetNames(await reader.readFile(file));
    if ('error' in result) {
      problems.push({ file, line: result.line, message: result.error, severity: 'error', source: 'bundled' });
    } else {
      result.names.forEach((name) => names.add(name));
    }
  }
  return names;
}

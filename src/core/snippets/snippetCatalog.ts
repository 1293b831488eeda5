import { parse as parseYaml } from 'yaml';
import { childPath, type ContentReader } from '../loadCatalog';
import type { Problem } from '../model';
import { loadSnippets, snippetsErrorLine, type SnippetDefinition } from './loadSnippets';

export interface SnippetGroup {
  id: string;
  title: string;
  icon: string;
  order: number;
  snippets: SnippetDefinition[];
}

/** The DRF original a snippet ports: its description up to the arrow (`ModelViewSet → Express router`). */
export function drfOriginal(snippet: SnippetDefinition): string {
  return snippet.description.split('→')[0].trim();
}

/**
 * The bundled snippets grouped by DRF concept: `drf-<group>.code-snippets` files, titled by `groups.yaml`.
 * A broken file is reported and skipped; the other groups still load.
 */
export async function loadSnippetCatalog(reader: ContentReader, folder: string): Promise<{ groups: SnippetGroup[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const entries = await reader.readDirectory(folder);
  let meta: Array<Omit<SnippetGroup, 'snippets'>> = [];
  try {
    meta = (parseYaml(await reader.readFile(childPath(folder, 'groups.yaml'))) as typeof meta | null) ?? [];
  } catch (error) {
    problems.push({ file: childPath(folder, 'groups.yaml'), line: 1, message: `Could not read the snippet groups: ${String(error)}`, severity: 'warning', source: 'bundled' });
  }
  const groups: SnippetGroup[] = [];
  for (const entry of entries.filter((e) => !e.isDirectory && /^drf-[\w-]+\.code-snippets$/.test(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const id = entry.name.slice('drf-'.length, -'.code-snippets'.length);
    const file = childPath(folder, entry.name);
    let text = '';
    try {
      text = await reader.readFile(file);
      const snippets = loadSnippets(text, entry.name);
      const known = meta.find((group) => group.id === id);
      groups.push({ id, title: known?.title ?? id, icon: known?.icon ?? 'symbol-snippet', order: known?.order ?? 1000, snippets });
    } catch (error) {
      problems.push({ file, line: snippetsErrorLine(text, error), message: String(error).replace(/^Error: /, ''), severity: 'error', source: 'bundled' });
    }
  }
  groups.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  return { groups, problems };
}

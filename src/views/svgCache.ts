import * as vscode from 'vscode';
import { svgCacheName, svgCachePrefix } from '../core/svgCacheName';

const MAX_FILES = 400;
const MAX_SVG_CHARS = 1_000_000;
/** As the webview names them (media/theme.ts), from the class VS Code puts on its body. */
const THEMES = ['light', 'dark', 'high-contrast', 'high-contrast-light'] as const;
type ThemeKind = (typeof THEMES)[number];

export interface CachedSvg {
  uri: vscode.Uri;
  width: number;
  height: number;
  bytes: number;
}

/** The file's size, or undefined when it is gone. */
function sizeOf(uri: vscode.Uri): Promise<number | undefined> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(
    (stat) => stat.size,
    () => undefined,
  );
}

function listSvgs(folder: vscode.Uri): Promise<Set<string>> {
  return Promise.resolve(vscode.workspace.fs.readDirectory(folder)).then(
    (entries) => new Set(entries.filter(([name]) => name.endsWith('.svg')).map(([name]) => name)),
    () => new Set<string>(),
  );
}

/** The drawing named `<start><w>x<h>.svg` in `folder`, if its file is still there. */
async function findIn(folder: vscode.Uri, names: Set<string>, start: string): Promise<CachedSvg | undefined> {
  for (const name of names) {
    const size = name.startsWith(start) ? /^(\d+)x(\d+)\.svg$/.exec(name.slice(start.length)) : null;
    if (!size) {
      continue;
    }
    const uri = vscode.Uri.joinPath(folder, name);
    // Storage can be cleared while VS Code runs: a file that is gone is forgotten, and drawn again.
    const bytes = await sizeOf(uri);
    if (bytes !== undefined) {
      return { uri, width: Number(size[1]), height: Number(size[2]), bytes };
    }
    names.delete(name);
  }
  return undefined;
}

/** The theme kind the webviews see, from VS Code's side. */
export function currentThemeKind(): ThemeKind {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Dark:
      return 'dark';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'light';
  }
}

/**
 * Diagrams drawn before, kept across restarts in global storage as `<hash>-<theme>-<mermaid version>-<w>x<h>.svg`,
 * so a note seen before shows its diagrams at once, without loading mermaid; behind it, the drawings the build made
 * of the bundled notes' diagrams (dist/diagrams, same names), so those show at once on a first open too. The webview
 * shows a cached file only as an <img> (an image never runs script, whatever a tampered file holds) and draws it
 * live when it needs the SVG. At most MAX_FILES files of the learner's: past that the least recently written go.
 */
export class SvgCache {
  readonly folder: vscode.Uri;
  private names: Promise<Set<string>> | undefined;
  private predrawnNames: Promise<Set<string>> | undefined;

  constructor(
    storage: vscode.Uri,
    private readonly version: () => Promise<string>,
    /** The bundle's drawings of its own notes, read only. */
    private readonly predrawn?: vscode.Uri,
  ) {
    this.folder = vscode.Uri.joinPath(storage, 'svg-cache');
  }

  private list(): Promise<Set<string>> {
    this.names ??= listSvgs(this.folder);
    return this.names;
  }

  private async prefix(hash: string, theme: ThemeKind): Promise<string> {
    return svgCachePrefix(hash, theme, await this.version());
  }

  /** The cached drawings of these diagrams in this theme, by source hash: the learner's own first, then the bundle's. */
  async lookup(hashes: Iterable<string>, theme: ThemeKind): Promise<Map<string, CachedSvg>> {
    const folders: Array<[vscode.Uri, Set<string>]> = [[this.folder, await this.list()]];
    if (this.predrawn) {
      this.predrawnNames ??= listSvgs(this.predrawn);
      folders.push([this.predrawn, await this.predrawnNames]);
    }
    const found = new Map<string, CachedSvg>();
    for (const hash of hashes) {
      const start = await this.prefix(hash, theme);
      for (const [folder, names] of folders) {
        const hit = await findIn(folder, names, start);
        if (hit) {
          found.set(hash, hit);
          break;
        }
      }
    }
    return found;
  }

  /** Keeps a drawing the webview made; anything that does not look like one is ignored. */
  async store(hash: string, theme: string, svg: string, width: number, height: number): Promise<void> {
    if (!/^[a-z0-9]{1,16}$/.test(hash) || !(THEMES as readonly string[]).includes(theme) || svg.length > MAX_SVG_CHARS || !svg.startsWith('<svg')) {
      return;
    }
    const [w, h] = [Math.round(width), Math.round(height)];
    if (!(w > 0 && w < 100_000 && h > 0 && h < 100_000)) {
      return;
    }
    const names = await this.list();
    const name = svgCacheName(hash, theme, await this.version(), w, h);
    if (names.has(name)) {
      return;
    }
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.folder, name), new TextEncoder().encode(svg));
    names.add(name);
    if (names.size > MAX_FILES) {
      await this.evict(names);
    }
  }

  /** Drops the oldest tenth (by write time), so eviction runs rarely. */
  private async evict(names: Set<string>): Promise<void> {
    const dated = await Promise.all(
      [...names].map(async (name) => ({ name, mtime: await Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(this.folder, name))).then((stat) => stat.mtime, () => 0) })),
    );
    dated.sort((a, b) => a.mtime - b.mtime);
    for (const { name } of dated.slice(0, Math.ceil(MAX_FILES / 10))) {
      names.delete(name);
      await Promise.resolve(vscode.workspace.fs.delete(vscode.Uri.joinPath(this.folder, name))).catch(() => undefined);
    }
  }
}

/** Beyond this much base64 in one page, cached drawings further down are linked rather than carried in it. */
const MAX_INLINE_CHARS = 2_000_000;

/**
 * Puts the drawings of the note's diagrams seen before (in the current theme) into its HTML as images, so they paint
 * with the text; the webview moves each into its diagram's canvas (or drops it, if the theme turned out different).
 * The image data rides in the page (a data: URI) rather than as a file the webview fetches afterwards, each fetch a
 * trip through VS Code's resource loader that made the drawings show well after the text. From the top of the note
 * down, until MAX_INLINE_CHARS; a drawing that cannot be read is drawn live instead.
 */
export async function markCached(html: string, cache: SvgCache | undefined, webview: vscode.Webview): Promise<string> {
  const placeholder = /<div class="nexus-diagram" data-diagram="(\w+)"([^>]*)>/g;
  const hashes = [...new Set([...html.matchAll(placeholder)].map((match) => match[1]))];
  if (!cache || hashes.length === 0) {
    return html;
  }
  const theme = currentThemeKind();
  const found = await cache.lookup(hashes, theme);
  let budget = MAX_INLINE_CHARS;
  const sources = new Map<string, string | undefined>();
  await Promise.all(
    hashes.map((hash) => {
      const hit = found.get(hash);
      const chars = hit ? Math.ceil(hit.bytes / 3) * 4 : 0;
      if (!hit || chars > budget) {
        sources.set(hash, hit && webview.asWebviewUri(hit.uri).toString());
        return undefined;
      }
      budget -= chars;
      return Promise.resolve(vscode.workspace.fs.readFile(hit.uri)).then(
        (bytes) => sources.set(hash, `data:image/svg+xml;base64,${Buffer.from(bytes).toString('base64')}`),
        () => sources.set(hash, undefined),
      );
    }),
  );
  return html.replace(placeholder, (whole, hash: string, rest: string) => {
    const hit = found.get(hash);
    const src = sources.get(hash)?.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);
    if (!hit || !src) {
      return whole;
    }
    return (
      // Drawn as far as the reader can tell, before the page's script runs (which adds the toolbar).
      `<div class="nexus-diagram" data-diagram="${hash}"${rest} data-state="rendered" data-cached="image" data-cached-theme="${theme}" data-cached-size="${hit.width}x${hit.height}">` +
      `<img class="nexus-diagram-cached" src="${src}" width="${hit.width}" height="${hit.height}" alt="Diagram" style="height: auto">`
    );
  });
}

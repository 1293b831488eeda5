/** dist/webview/preloads.js as the build writes it (esbuild.mjs): chunk paths relative to dist/webview. */
export interface PreloadManifest {
  mermaid: string[];
  kinds: Record<string, string[]>;
  /** Per page script (`note.js`), the chunks it imports statically. */
  pages: Record<string, string[]>;
}

export function isPreloadManifest(data: unknown): data is PreloadManifest {
  const manifest = data as Partial<PreloadManifest> | null;
  const paths = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === 'string' && /^chunks\/[\w.-]+\.js$/.test(item));
  const lists = (record: unknown): boolean => typeof record === 'object' && record !== null && Object.values(record).every(paths);
  return paths(manifest?.mermaid) && lists(manifest?.kinds) && lists(manifest?.pages);
}

/**
 * What a page preloads, in the order it needs it: its script and that script's own chunks first (they carry the
 * text's behaviour and show diagrams drawn before), then what mermaid needs for the diagrams still to draw.
 */
export function pagePreloads(manifest: PreloadManifest, script: string, kinds: Iterable<string>): string[] {
  const own = Object.hasOwn(manifest.pages, script) ? manifest.pages[script] : [];
  return [...new Set([script, ...own, ...chunksToPreload(manifest, kinds)])];
}

/**
 * The chunks to preload for diagrams of these kinds still to be drawn: none when there are none, else mermaid's core
 * and each known kind's own (a kind the build does not know loads as before, after mermaid asks for it).
 */
export function chunksToPreload(manifest: PreloadManifest, kinds: Iterable<string>): string[] {
  const wanted = [...kinds];
  if (wanted.length === 0) {
    return [];
  }
  return [...new Set([...manifest.mermaid, ...wanted.flatMap((kind) => (Object.hasOwn(manifest.kinds, kind) ? manifest.kinds[kind] : []))])];
}

/** The kinds of the diagrams in rendered HTML that the webview must still draw (not shown from the SVG cache). */
export function kindsToDraw(html: string): Set<string> {
  const kinds = new Set<string>();
  for (const [tag] of html.matchAll(/<div class="nexus-diagram"[^>]*>/g)) {
    const kind = /\sdata-kind="([^"]*)"/.exec(tag)?.[1];
    if (kind && !tag.includes(' data-cached=')) {
      kinds.add(kind);
    }
  }
  return kinds;
}

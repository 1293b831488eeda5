/** dist/webview/preloads.js as the build writes it (esbuild.mjs): chunk paths relative to dist/webview. */
export interface PreloadManifest {
  mermaid: string[];
  kinds: Record<string, string[]>;
}

export function isPreloadManifest(data: unknown): data is PreloadManifest {
  const manifest = data as Partial<PreloadManifest> | null;
  const paths = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === 'string' && /^chunks\/[\w.-]+\.js$/.test(item));
  return paths(manifest?.mermaid) && typeof manifest?.kinds === 'object' && manifest.kinds !== null && Object.values(manifest.kinds).every(paths);
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

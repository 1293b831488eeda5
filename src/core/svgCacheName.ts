/**
 * File names of drawn diagrams, `<source hash>-<theme kind>-<mermaid version>-<width>x<height>.svg`: the same in the
 * learner's SVG cache (global storage) and among the drawings the build makes of the bundled notes (dist/diagrams),
 * so one lookup serves both. A drawing stands only for its exact source, theme kind and mermaid.
 */
export function svgCachePrefix(hash: string, theme: string, mermaidVersion: string): string {
  return `${hash}-${theme}-${mermaidVersion.replace(/[^\w.]/g, '_')}-`;
}

export function svgCacheName(hash: string, theme: string, mermaidVersion: string, width: number, height: number): string {
  return `${svgCachePrefix(hash, theme, mermaidVersion)}${Math.round(width)}x${Math.round(height)}.svg`;
}

/** A diagram the build drew for dist/diagrams (media/predraw.ts), or null when mermaid could not draw it. */
export type Predrawn = { svg: string; width: number; height: number } | null;

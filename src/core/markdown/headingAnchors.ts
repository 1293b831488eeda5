import type { Markdown } from './renderEnv';

/** GitHub-style slugs, so `[x](#pitfalls)` links written for GitHub work in Nexus too. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export interface Heading {
  level: number;
  text: string;
  slug: string;
}

/** Gives every heading a unique id (`x`, `x-1`, `x-2` as GitHub does) and collects them in `env.headings`. */
export function headingAnchors(md: Markdown): void {
  md.core.ruler.push('nexus_heading_anchors', (state) => {
    const seen = new Map<string, number>();
    const headings: Heading[] = [];
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open') {
        return;
      }
      const inline = state.tokens[index + 1];
      const text = (inline.children ?? []).filter((child) => child.type === 'text' || child.type === 'code_inline').map((child) => child.content).join('');
      const base = slugify(text) || 'section';
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      const slug = count === 0 ? base : `${base}-${count}`;
      token.attrSet('id', slug);
      headings.push({ level: Number(token.tag.slice(1)), text, slug });
    });
    (state.env as { headings?: Heading[] }).headings = headings;
  });
}

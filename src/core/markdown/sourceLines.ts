import { asRenderEnv, type Markdown } from './renderEnv';

/**
 * Marks each block with the file line it starts on (`data-line`), when the host asks for it: a preview beside the
 * editor uses the marks to keep both scrolled to the same place. Fences mark their own wrappers.
 */
export function sourceLines(md: Markdown): void {
  md.core.ruler.push('nexus_source_lines', (state) => {
    const env = asRenderEnv(state.env);
    if (!env.context.sourceLines) {
      return;
    }
    for (const token of state.tokens) {
      if (token.map && token.nesting === 1 && token.block) {
        token.attrSet('data-line', String(env.line(token)));
      }
    }
  });
}

import type { Markdown } from './renderEnv';
import { escapeHtml } from './escape';

const KINDS = { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution', pitfall: 'Pitfall' } as const;
type Kind = keyof typeof KINDS;

/** GitHub alerts (`> [!TIP]`, `> [!WARNING]`, …) become titled callouts; other blockquotes stay quotes. */
export function callouts(md: Markdown): void {
  md.core.ruler.after('inline', 'nexus_callouts', (state) => {
    state.tokens.forEach((token, index) => {
      const inline = state.tokens[index + 2];
      if (token.type !== 'blockquote_open' || state.tokens[index + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline') {
        return;
      }
      const marker = /^\[!(\w+)\][ \t]*(?:\n|$)/.exec(inline.content);
      const kind = marker?.[1].toLowerCase();
      if (!marker || !kind || !(kind in KINDS)) {
        return;
      }
      token.meta = { callout: kind };
      token.attrJoin('class', `nexus-callout nexus-callout-${kind}`);
      inline.content = inline.content.slice(marker[0].length);
      const children = inline.children ?? [];
      // The marker parses as text, then a line break (a hard one when the line ends in two spaces); both go, so the
      // callout starts with its own words.
      const first = children[0];
      if (first?.type === 'text' && first.content.startsWith(`[!${marker[1]}]`)) {
        children.splice(0, ['softbreak', 'hardbreak'].includes(children[1]?.type ?? '') ? 2 : 1);
      }
    });
  });
  const render = md.renderer.rules.blockquote_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.blockquote_open = (tokens, index, options, env, self) => {
    const kind = (tokens[index].meta as { callout?: Kind } | null)?.callout;
    const open = render(tokens, index, options, env, self);
    return kind ? `${open}<p class="nexus-callout-title">${escapeHtml(KINDS[kind])}</p>\n` : open;
  };
}

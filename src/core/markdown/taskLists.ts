import type { Markdown, Token } from './renderEnv';


/** `- [ ] item` and `- [x] item` show a (read-only) checkbox. */
export function taskLists(md: Markdown): void {
  md.core.ruler.after('inline', 'nexus_task_lists', (state) => {
    state.tokens.forEach((token, index) => {
      if (token.type !== 'inline' || state.tokens[index - 2]?.type !== 'list_item_open') {
        return;
      }
      const first = token.children?.[0];
      const match = first?.type === 'text' ? /^\[([ xX])\][ \t]+/.exec(first.content) : null;
      if (!first || !match) {
        return;
      }
      first.content = first.content.slice(match[0].length);
      const box = new state.Token('nexus_task', 'input', 0) as Token;
      box.meta = { checked: match[1] !== ' ' };
      token.children?.unshift(box);
      state.tokens[index - 2].attrJoin('class', 'nexus-task');
    });
  });
  md.renderer.rules.nexus_task = (tokens, index) =>
    `<input type="checkbox" disabled${(tokens[index].meta as { checked: boolean }).checked ? ' checked' : ''}> `;
}

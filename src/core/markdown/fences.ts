import { highlight, highlightedBefore, highlights } from '../highlight';
import { escapeHtml } from './escape';
import { asRenderEnv, type Markdown } from './renderEnv';
import { sourceHash } from './sourceHash';

/**
 * Mermaid fences become placeholders that carry their source as text (the webview renders them); other fences
 * become highlighted code. `snippet=drf-…` in a fence's info ties the block to a snippet for Insert.
 * With `deferHighlight`, a block never highlighted before is left plain and listed, so the text shows without
 * waiting for highlight.js (most of a first render's cost); its colours follow in a message.
 */
export function fences(md: Markdown): void {
  md.renderer.rules.fence = (tokens, index, _options, rawEnv) => {
    const env = asRenderEnv(rawEnv);
    const token = tokens[index];
    const [language = '', ...rest] = token.info.trim().split(/\s+/);
    const line = env.line(token);
    if (language.toLowerCase() === 'mermaid') {
      const source = token.content;
      const hash = sourceHash(source);
      const kind = /^\s*(?:%%.*\n\s*)*([\w-]+)/.exec(source)?.[1] ?? 'unknown';
      env.diagrams.push({ line, kind, hash });
      return `<div class="nexus-diagram" data-diagram="${hash}" data-line="${line}" data-kind="${escapeHtml(kind)}"><pre class="nexus-diagram-source">${escapeHtml(source)}</pre></div>\n`;
    }
    const lang = language.toLowerCase().replace(/[^a-z0-9+#-]/g, '');
    const snippet = rest.map((part) => /^snippet=(drf-[\w-]+)$/.exec(part)?.[1]).find(Boolean);
    let code = highlightedBefore(token.content, lang);
    let pending = '';
    if (code === undefined && env.context.deferHighlight && highlights(lang)) {
      const id = sourceHash(`${lang}\n${token.content}`);
      env.highlights.push({ id, language: lang, code: token.content });
      pending = ` data-highlight="${id}"`;
      code = escapeHtml(token.content);
    }
    code ??= highlight(token.content, lang) ?? escapeHtml(token.content);
    return (
      `<div class="nexus-code" data-line="${line}"${lang ? ` data-lang="${lang}"` : ''}${snippet ? ` data-snippet="${snippet}"` : ''}${pending}>` +
      `<pre><code class="hljs${lang ? ` language-${lang}` : ''}">${code}</code></pre></div>\n`
    );
  };
}

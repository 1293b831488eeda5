import type { Markdown } from './renderEnv';
import { escapeHtmlKeepingEntities } from './escape';

/**
 * Raw HTML in notes is untrusted (learners paste it). Only a few formatting tags survive, rewritten without
 * attributes (`<details open>` keeps `open`); every other tag is shown as text and comments are dropped.
 * The output is built from our own canonical tags plus escaped text, so nothing the author wrote can add an
 * attribute, a handler, a URL or a script.
 */
const ALLOWED = new Set(['details', 'summary', 'kbd', 'sub', 'sup', 'br', 'mark', 'b', 'i', 'em', 'strong', 'code', 's', 'del', 'ins', 'small']);
const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s>]+)*)\s*(\/?)>/g;

export function sanitizeHtml(html: string): string {
  let out = '';
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    out += escapeHtmlKeepingEntities(html.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0].startsWith('<!--')) {
      continue;
    }
    const [, closing, rawName, attributes] = match;
    const name = rawName.toLowerCase();
    if (!ALLOWED.has(name)) {
      out += escapeHtmlKeepingEntities(match[0]);
    } else if (closing) {
      out += name === 'br' ? '' : `</${name}>`;
    } else {
      const open = name === 'details' && /(^|\s)open(\s|=|$)/i.test(attributes) ? ' open' : '';
      out += `<${name}${open}>`;
    }
  }
  return out + escapeHtmlKeepingEntities(html.slice(last));
}

export function htmlAllowList(md: Markdown): void {
  md.renderer.rules.html_block = (tokens, index) => sanitizeHtml(tokens[index].content);
  md.renderer.rules.html_inline = (tokens, index) => sanitizeHtml(tokens[index].content);
}

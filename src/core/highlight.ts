import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import graphql from 'highlight.js/lib/languages/graphql';
import http from 'highlight.js/lib/languages/http';
import ini from 'highlight.js/lib/languages/ini';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import nginx from 'highlight.js/lib/languages/nginx';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// Only the languages a backend curriculum shows, so the extension bundle stays small.
const LANGUAGES = { bash, dockerfile, graphql, http, ini, javascript, json, nginx, python, shell, sql, typescript, xml, yaml };
const ALIASES: Record<string, string[]> = {
  typescript: ['ts', 'tsx'],
  javascript: ['js', 'jsx', 'mjs'],
  python: ['py'],
  bash: ['sh', 'console', 'zsh'],
  yaml: ['yml', 'docker-compose'],
  xml: ['html', 'svg'],
  ini: ['toml', 'env', 'cfg'],
  sql: ['postgres', 'postgresql', 'psql', 'pgsql'],
};
let registered = false;

/** Registers the grammars on first use, so activation does not pay for them. */
function register(): void {
  if (registered) {
    return;
  }
  registered = true;
  for (const [name, language] of Object.entries(LANGUAGES)) {
    hljs.registerLanguage(name, language);
  }
  for (const [languageName, aliases] of Object.entries(ALIASES)) {
    hljs.registerAliases(aliases, { languageName });
  }
}

/**
 * Highlighted blocks by language and code, most recently used last. Highlighting is most of a render's cost, and a
 * note re-renders with most blocks unchanged (on save, as a preview's author types, on re-open), so each block
 * is highlighted once. Bounded by total code length, so a long session never grows it without end.
 */
const done = new Map<string, string>();
const MAX_CACHED_CHARS = 2_000_000;
let cachedChars = 0;

/** Whether blocks in this language (a name or alias, lower case) are highlighted at all. */
export function highlights(language: string): boolean {
  register();
  return language !== '' && hljs.getLanguage(language) !== undefined;
}

/** The HTML of a block highlighted before (kept as the most recently used), without highlighting it now. */
export function highlightedBefore(code: string, language: string): string | undefined {
  const key = `${language}\n${code}`;
  const hit = done.get(key);
  if (hit !== undefined) {
    done.delete(key);
    done.set(key, hit);
  }
  return hit;
}

/** Highlighted HTML for known languages (hljs escapes the code), or undefined to leave the block plain. */
export function highlight(code: string, language: string): string | undefined {
  if (!highlights(language)) {
    return undefined;
  }
  const hit = highlightedBefore(code, language);
  if (hit !== undefined) {
    return hit;
  }
  const key = `${language}\n${code}`;
  const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  done.set(key, html);
  cachedChars += key.length + html.length;
  for (const [oldKey, oldHtml] of done) {
    if (cachedChars <= MAX_CACHED_CHARS) {
      break;
    }
    done.delete(oldKey);
    cachedChars -= oldKey.length + oldHtml.length;
  }
  return html;
}

/** A code block a render left plain (RenderContext.deferHighlight), to highlight once the note shows. */
export interface PendingHighlight {
  /** `data-highlight` of the block in the HTML: a hash of language and code. */
  id: string;
  language: string;
  code: string;
}

/** The highlighted HTML of blocks a render left plain, by their `data-highlight` id. */
export function highlightPending(blocks: readonly PendingHighlight[]): Array<{ id: string; html: string }> {
  return blocks.map((block) => ({ id: block.id, html: highlight(block.code, block.language) ?? '' }));
}

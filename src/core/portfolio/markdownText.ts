/** Small readers and writers of markdown text for the portfolio: sections of a note, prose made fit for a README. */

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;

/**
 * The text under the first heading whose title matches, up to the next heading of the same or a higher level
 * (code fences are skipped, so a `#` comment in code is never taken for a heading). Undefined when there is none.
 */
export function textUnderHeading(body: string, title: RegExp): string | undefined {
  const lines = body.split('\n');
  let fence: string | undefined;
  let level = 0;
  const taken: string[] = [];
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      fence = fence === undefined ? fenceMatch[1][0] : fenceMatch[1][0] === fence ? undefined : fence;
    }
    const heading = fence === undefined && !fenceMatch ? HEADING.exec(line) : null;
    if (level > 0) {
      if (heading && heading[1].length <= level) {
        break;
      }
      taken.push(line);
    } else if (heading && title.test(heading[2])) {
      level = heading[1].length;
    }
  }
  return level > 0 ? taken.join('\n').trim() : undefined;
}

/** The items of the markdown lists in a text, each on one line (continuation lines joined). */
export function listItems(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split('\n')) {
    const item = /^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      items.push(item[1].trim());
    } else if (line.trim() !== '' && items.length > 0 && /^\s+/.test(line)) {
      items[items.length - 1] += ` ${line.trim()}`;
    }
  }
  return items.filter((item) => item !== '');
}

/**
 * Links made plain text, except http(s) ones: a relative or `topic:` link in a note points somewhere else than it
 * would from the README (or somewhere private), so only its words are kept. Images are dropped for the same reason.
 */
export function withoutLocalLinks(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (whole, alt: string, url: string) => (/^https?:\/\//i.test(url) ? whole : alt))
    .replace(/(?<!!)\[([^\]]+)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (whole, words: string, url: string) => (/^https?:\/\//i.test(url) ? whole : words));
}

/** Code fences removed: a table cell or a one-line summary cannot hold them. */
function withoutFences(text: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      fence = fence === undefined ? fenceMatch[1][0] : fenceMatch[1][0] === fence ? undefined : fence;
      continue;
    }
    if (fence === undefined) {
      kept.push(line);
    }
  }
  return kept.join('\n');
}

/** Prose on one line: paragraphs and list items are kept apart by `sep`, everything else is joined by spaces. */
export function oneLine(text: string, sep = ' '): string {
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) {
      blocks.push(current.join(' '));
      current = [];
    }
  };
  for (const raw of withoutFences(withoutLocalLinks(text)).split('\n')) {
    const line = raw.trim();
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (line === '' || item || /^#{1,6}\s/.test(line)) {
      flush();
    }
    if (line !== '') {
      current.push(item ? item[1] : line.replace(/^#{1,6}\s+/, '').replace(/^>\s?/, ''));
    }
  }
  flush();
  return blocks.join(sep).replace(/[ \t]+/g, ' ').trim();
}

/**
 * Text for a cell of a GitHub table: one line, paragraphs kept apart by `<br>` (GitHub and Nexus both render it),
 * and `|` escaped, which GitHub requires even inside code spans.
 */
export function tableCell(text: string): string {
  const cell = oneLine(text, '<br>').replace(/\|/g, '\\|');
  return cell === '' ? '—' : cell;
}

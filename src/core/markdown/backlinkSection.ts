import { escapeHtml } from './escape';

/** "Linked from": the notes that link to this one, as topic links the note webview already knows how to open. */
export function backlinkSection(linkers: ReadonlyArray<{ id: string; title: string }>): string {
  if (linkers.length === 0) {
    return '';
  }
  const items = linkers
    .map(({ id, title }) => `<li><a href="#" data-topic="${escapeHtml(id)}" class="nexus-link-topic">${escapeHtml(title)}</a></li>`)
    .join('\n');
  return `<section class="nexus-backlinks">\n<h2 id="nexus-backlinks">Linked from</h2>\n<ul>\n${items}\n</ul>\n</section>\n`;
}

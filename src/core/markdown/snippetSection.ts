import { escapeHtml } from './escape';

/** The note's `snippets` as a closing section: each drf- snippet with the DRF original and an Insert button. */
export function snippetSection(snippets: ReadonlyArray<{ prefix: string; original: string }>): string {
  if (snippets.length === 0) {
    return '';
  }
  const items = snippets
    .map(
      ({ prefix, original }) =>
        `<li><code>${escapeHtml(prefix)}</code> <span class="nexus-snippet-original">${escapeHtml(original)}</span> ` +
        `<button type="button" class="nexus-button" data-insert-snippet="${escapeHtml(prefix)}">Insert</button></li>`,
    )
    .join('\n');
  return (
    '<section class="nexus-snippets">\n<h2 id="nexus-snippets">TypeScript snippets for this topic</h2>\n' +
    '<p>Type the prefix in a TypeScript file, or insert one at the cursor.</p>\n' +
    `<ul>\n${items}\n</ul>\n</section>\n`
  );
}

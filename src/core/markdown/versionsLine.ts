import { escapeHtml } from './escape';

/**
 * The versions a note teaches, as one line under its title: claims such as defaults and limits change between
 * releases, so the learner sees which release the note was checked against before reading them.
 */
export function withVersionsLine(html: string, versions: readonly string[]): string {
  if (versions.length === 0) {
    return html;
  }
  const line = `<p class="nexus-versions">Teaches ${versions.map((version) => `<span>${escapeHtml(version)}</span>`).join(' · ')}</p>\n`;
  const titleEnd = html.indexOf('</h1>');
  return titleEnd < 0 ? line + html : `${html.slice(0, titleEnd + 5)}\n${line}${html.slice(titleEnd + 5).replace(/^\n/, '')}`;
}

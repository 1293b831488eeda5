const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** Like escapeHtml, but keeps character references (`&amp;`, `&#39;`) that the author wrote as they are. */
export function escapeHtmlKeepingEntities(text: string): string {
  return text.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)|[<>"']/g, (char) => ESCAPES[char]);
}

/** The prefixes a `.code-snippets` file defines, which notes name in their `snippets` front matter. */
export function parseSnippetNames(text: string): { names: string[] } | { error: string; line: number } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
    return { error: `Not valid JSON: ${String(error).replace(/^SyntaxError: /, '')}`, line };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { error: 'A snippets file must be a JSON object of named snippets.', line: 1 };
  }
  const names: string[] = [];
  for (const snippet of Object.values(data as Record<string, unknown>)) {
    const prefix = (snippet as { prefix?: unknown } | null)?.prefix;
    for (const name of Array.isArray(prefix) ? prefix : [prefix]) {
      if (typeof name === 'string') {
        names.push(name);
      }
    }
  }
  return { names };
}

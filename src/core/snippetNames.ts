import { loadSnippets } from './snippets/loadSnippets';

/** The prefixes a `.code-snippets` file defines, which notes name in their `snippets` front matter. */
export function parseSnippetNames(text: string): { names: string[] } | { error: string; line: number } {
  try {
    return { names: loadSnippets(text).flatMap((snippet) => snippet.prefix) };
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position === undefined ? 1 : text.slice(0, Number(position)).split('\n').length;
    return { error: String(error).replace(/^(Syntax)?Error: /, 'Not valid: '), line };
  }
}

import { loadSnippets, snippetsErrorLine } from './snippets/loadSnippets';

/** The prefixes a `.code-snippets` file defines, which notes name in their `snippets` front matter. */
export function parseSnippetNames(text: string): { names: string[] } | { error: string; line: number } {
  try {
    return { names: loadSnippets(text).flatMap((snippet) => snippet.prefix) };
  } catch (error) {
    return { error: `Not valid: ${(error as Error).message}`, line: snippetsErrorLine(text, error) };
  }
}

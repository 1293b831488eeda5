import { loadSnippets } from './snippets/loadSnippets';

/** The prefixes a `.code-snippets` file defines, which notes name in their `snippets` front matter. */
export function parseSnippetNames(text: string): { names: string[] } | { error: string; line: number } {
  try {
    return { names: loadSnippets(text).flatMap((snippet) => snippet.prefix) };
  } catch (error) {
    // JSON.parse and loadSnippets throw Errors; JSON's name a character offset, which gives the line (else line 1).
    const { message } = error as Error;
    const position = /position (\d+)/.exec(message)?.[1] ?? 0;
    return { error: `Not valid: ${message}`, line: text.slice(0, Number(position)).split('\n').length };
  }
}

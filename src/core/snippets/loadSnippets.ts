/** One snippet of a `.code-snippets` file, as VS Code reads it. */
export interface SnippetDefinition {
  /** The key of the snippet in its file. */
  name: string;
  prefix: string[];
  description: string;
  /** The body, lines joined with `\n`. */
  body: string;
  scope?: string;
}

/** A snippets file that is JSON but not snippets, with the 1-based line to fix. */
export class SnippetsFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Parses the JSON text of a `.code-snippets` file; throws with the file's problem when it is not one. */
export function loadSnippets(text: string, source = 'snippets'): SnippetDefinition[] {
  const data: unknown = JSON.parse(text);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SnippetsFileError(`${source}: a snippets file must be a JSON object of named snippets.`, lineAt(text, text.length - text.trimStart().length));
  }
  return Object.entries(data as Record<string, unknown>).map(([name, value]) => {
    const raw = (value ?? {}) as { prefix?: unknown; body?: unknown; description?: unknown; scope?: unknown };
    const prefix = Array.isArray(raw.prefix) ? raw.prefix : [raw.prefix];
    const body = Array.isArray(raw.body) ? raw.body : [raw.body];
    if (!prefix.every((p): p is string => typeof p === 'string') || !body.every((b): b is string => typeof b === 'string')) {
      throw new SnippetsFileError(`${source}: snippet "${name}" needs a string (or string array) prefix and body.`, lineAt(text, topLevelKeys(text).get(name) ?? 0));
    }
    const definition: SnippetDefinition = {
      name,
      prefix,
      description: typeof raw.description === 'string' ? raw.description : '',
      body: body.join('\n'),
    };
    if (typeof raw.scope === 'string') {
      definition.scope = raw.scope;
    }
    return definition;
  });
}

/** The line to fix for what `loadSnippets(text)` threw. */
export function snippetsErrorLine(text: string, error: unknown): number {
  if (error instanceof SnippetsFileError) {
    return error.line;
  }
  return error instanceof SyntaxError ? lineAt(text, jsonErrorOffset(text)) : 1;
}

/**
 * Where JSON.parse fails. Most of V8's messages name the offset, some do not ("Unexpected token ']', … is not valid
 * JSON", "Unexpected end of JSON input"); then it is the last character of the shortest beginning of the text that
 * fails before its own end, since the parser reads left to right and a beginning without the fault only runs out.
 * A file that merely ends too soon is at fault where its text ends, not on the blank line after it.
 */
function jsonErrorOffset(text: string): number {
  const end = text.trimEnd().length;
  const failsWithin = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      return position === undefined ? !(error as Error).message.includes('Unexpected end') : Number(position) < length;
    }
  };
  if (failsWithin(text.length)) {
    let low = 1;
    let high = text.length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (failsWithin(middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return Math.min(low - 1, end);
  }
  return end;
}

/** Offsets of the keys of the top-level object of valid JSON text, by key (the last one wins, as in JSON.parse). */
function topLevelKeys(text: string): Map<string, number> {
  const keys = new Map<string, number>();
  const colon = /\s*:/y;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        i += text[i] === '\\' ? 1 : 0;
      }
      colon.lastIndex = i + 1;
      if (depth === 1 && colon.test(text)) {
        keys.set(JSON.parse(text.slice(start, i + 1)) as string, start);
      }
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
    }
  }
  return keys;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

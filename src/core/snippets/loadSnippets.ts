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

/** Parses the JSON text of a `.code-snippets` file; throws with the file's problem when it is not one. */
export function loadSnippets(text: string, source = 'snippets'): SnippetDefinition[] {
  const data: unknown = JSON.parse(text);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${source}: a snippets file must be a JSON object of named snippets.`);
  }
  return Object.entries(data as Record<string, unknown>).map(([name, value]) => {
    const raw = (value ?? {}) as { prefix?: unknown; body?: unknown; description?: unknown; scope?: unknown };
    const prefix = Array.isArray(raw.prefix) ? raw.prefix : [raw.prefix];
    const body = Array.isArray(raw.body) ? raw.body : [raw.body];
    if (!prefix.every((p): p is string => typeof p === 'string') || !body.every((b): b is string => typeof b === 'string')) {
      throw new Error(`${source}: snippet "${name}" needs a string (or string array) prefix and body.`);
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

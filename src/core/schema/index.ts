import { parseDjango } from './django';
import { parseDrizzle } from './drizzle';
import { parsePrisma } from './prisma';
import { parseSql } from './sql';
import { mergeModels, type SchemaModel, type SourceFile } from './model';

/**
 * The parsers behind `Nexus: Visualize Schema` and `npm run schema`, as one lazily loaded bundle (dist/schema.js):
 * activation never loads them. Each input kind is read by its own module; the results merge into one model.
 */

export type InputKind = 'django' | 'sql' | 'prisma' | 'drizzle';

/** Which parser reads a file, by its name (and for TypeScript, whether it imports drizzle-orm). */
export function inputKind(file: string, text: string): InputKind | undefined {
  const name = file.toLowerCase();
  if (name.endsWith('.py')) {
    return 'django';
  }
  if (name.endsWith('.sql')) {
    return 'sql';
  }
  if (name.endsWith('.prisma')) {
    return 'prisma';
  }
  if (/\.[cm]?[jt]s$/.test(name) && /from\s+['"]drizzle-orm\//.test(text)) {
    return 'drizzle';
  }
  return undefined;
}

type Parser = (files: SourceFile[]) => SchemaModel | Promise<SchemaModel>;

const PARSERS: Record<InputKind, Parser> = { django: parseDjango, sql: parseSql, prisma: parsePrisma, drizzle: parseDrizzle };

export async function parseSchema(files: SourceFile[]): Promise<SchemaModel> {
  const byKind = new Map<InputKind, SourceFile[]>();
  for (const file of files) {
    const kind = inputKind(file.file, file.text);
    if (kind) {
      byKind.set(kind, [...(byKind.get(kind) ?? []), file]);
    }
  }
  const models = await Promise.all([...byKind].map(async ([kind, group]) => PARSERS[kind](group)));
  return mergeModels(models);
}

export { toJson } from './model';
export { toMermaid } from './toMermaid';
export type { SchemaModel, SourceFile } from './model';

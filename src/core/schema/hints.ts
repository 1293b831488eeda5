import type { SchemaEntity, SchemaModel, SchemaRelation } from './model';

/** What the schema teaches, entity by entity: each hint names the note that explains it. */
export interface SchemaHint {
  entity: string;
  kind: 'relationship' | 'missing-index' | 'n-plus-one';
  text: string;
  topic: 'relationships' | 'indexing-query-optimization' | 'orm-n-plus-one';
  line?: number;
}

const KIND_TEXT = {
  'many-to-one': 'many-to-one: many rows here point at one row there (a foreign key)',
  'one-to-one': 'one-to-one: a unique foreign key; at most one row here per row there',
  'many-to-many': 'many-to-many: stored as a join table with a foreign key to each side',
} as const;

export function schemaHints(model: SchemaModel): SchemaHint[] {
  const byId = new Map(model.entities.map((entity) => [entity.id, entity]));
  const hints: SchemaHint[] = [];
  for (const relation of model.relations) {
    const from = byId.get(relation.from);
    const to = byId.get(relation.to);
    if (!from) {
      continue;
    }
    const through = relation.through ? ` (${byId.get(relation.through)?.name ?? relation.through})` : '';
    hints.push({ entity: from.id, kind: 'relationship', topic: 'relationships', line: relation.line, text: `${from.name}.${relation.field} → ${to?.name ?? relation.to}: ${KIND_TEXT[relation.kind]}${through}.` });
    if (from.source === 'django') {
      hints.push(...queryHints(relation, from, to));
    } else if (relation.columns && !isIndexed(from, relation.columns)) {
      hints.push({
        entity: from.id,
        kind: 'missing-index',
        topic: 'indexing-query-optimization',
        line: relation.line,
        text: `${from.name}(${relation.columns.join(', ')}) references ${to?.name ?? relation.to} but has no index starting with ${relation.columns.length > 1 ? 'these columns' : 'this column'}: joins and ON DELETE checks scan the table. PostgreSQL does not index foreign keys by itself.`,
      });
    }
  }
  return hints;
}

/** The query a serializer that touches the relation needs, so listing N rows costs 1–2 queries instead of N + 1. */
function queryHints(relation: SchemaRelation, from: SchemaEntity, to: SchemaEntity | undefined): SchemaHint[] {
  const reverse = relation.relatedName ?? `${from.name.toLowerCase()}${relation.kind === 'one-to-one' ? '' : '_set'}`;
  const target = to?.name ?? relation.to;
  const hint = (entity: string, text: string): SchemaHint => ({ entity, kind: 'n-plus-one', topic: 'orm-n-plus-one', line: relation.line, text });
  const forward =
    relation.kind === 'many-to-many'
      ? hint(from.id, `${from.name}.objects.prefetch_related("${relation.field}") before a serializer lists ${relation.field}.`)
      : hint(from.id, `${from.name}.objects.select_related("${relation.field}") before a serializer reads ${relation.field} (one JOIN instead of a query per row).`);
  // related_name="+" (or ending in "+"): Django makes no reverse accessor, so there is nothing to prefetch from the other side.
  if (reverse.endsWith('+')) {
    return [forward];
  }
  const back =
    relation.kind === 'many-to-many'
      ? hint(relation.to, `${target}.objects.prefetch_related("${reverse}") before a serializer lists ${from.name} rows of each ${target}.`)
      : relation.kind === 'one-to-one'
        ? hint(relation.to, `${target}.objects.select_related("${reverse}") before a serializer reads ${reverse}.`)
        : hint(relation.to, `${target}.objects.prefetch_related("${reverse}") before a serializer nests ${from.name} rows (two queries in all).`);
  return [forward, back];
}

/**
 * An index (or the primary key, or a unique constraint) whose leading columns are the foreign key's columns, in any
 * order: a join compares every column for equality, so (year, number) serves a key on (number, year).
 */
function isIndexed(entity: SchemaEntity, columns: string[]): boolean {
  const starts = (list: string[]): boolean => columns.every((column) => list.slice(0, columns.length).includes(column));
  const pk = entity.fields.filter((field) => field.pk).map((field) => field.name);
  const uniqueColumns = entity.fields.filter((field) => field.unique).map((field) => [field.name]);
  return starts(pk) || uniqueColumns.some(starts) || entity.indexes.some((index) => !index.check && starts(index.fields));
}

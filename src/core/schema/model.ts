/**
 * One model of a database schema, whatever it was read from (Django models, PostgreSQL DDL, Prisma, drizzle-orm):
 * what the diagram draws, the side panel lists, the command line prints and the teaching hints are computed from.
 */

export type RelationKind = 'many-to-one' | 'one-to-one' | 'many-to-many';

export interface SchemaField {
  name: string;
  /** The type as the source spells it (`numeric(10, 2)`, `CharField`, `DateTime?` without the `?`). */
  type: string;
  pk?: true;
  unique?: true;
  nullable?: true;
  /** A column that references another entity (its relation names the target). */
  fk?: true;
  /** A relation that has no column of its own (a Django ManyToManyField, a Prisma back-relation list). */
  virtual?: true;
  /** The source text of the definition, shown in the side panel (`models.CharField(max_length=100)`). */
  detail?: string;
  line?: number;
}

export interface SchemaIndex {
  name?: string;
  fields: string[];
  unique?: true;
  /** A check constraint: its condition as written. */
  check?: string;
  line?: number;
}

export interface SchemaEntity {
  /** Unique within the model: the name, qualified by group where two groups define the same name. */
  id: string;
  /** As the source names it: the Django class, the SQL table, the Prisma model. */
  name: string;
  /** The Django app, the SQL schema, the Prisma / drizzle file: what "filter by app" filters on. */
  group: string;
  file: string;
  /** 1-based. */
  line: number;
  /** The table it is stored in, when it differs from the name (`Meta.db_table`, `@@map`). */
  table?: string;
  abstract?: true;
  /** Named by a relation but defined outside the input (django.contrib.auth's User, an unknown table). */
  external?: true;
  /** Made by the schema rather than written: the join table of a ManyToManyField without `through`. */
  implicit?: true;
  fields: SchemaField[];
  indexes: SchemaIndex[];
  /** Kind of source, for the teaching hints: Django gets select_related hints, SQL and Prisma index checks. */
  source: SchemaSource;
}

export type SchemaSource = 'django' | 'sql' | 'prisma' | 'drizzle';

export interface SchemaRelation {
  /** Entity ids. */
  from: string;
  to: string;
  /** The field (or column list) on `from` that holds the reference. */
  field: string;
  kind: RelationKind;
  /** Many-to-many: the entity id of the join table (explicit `through` or the implicit one). */
  through?: string;
  nullable?: true;
  /** Django `related_name` (the reverse accessor), when given. */
  relatedName?: string;
  /** The columns on `from`, for the index check (a Django FK names its `_id` column). */
  columns?: string[];
  file: string;
  line: number;
}

export interface SchemaProblem {
  file: string;
  line: number;
  message: string;
}

export interface SchemaModel {
  entities: SchemaEntity[];
  relations: SchemaRelation[];
  /** Syntax errors and references that do not resolve: the rest of the schema is still drawn. */
  problems: SchemaProblem[];
  /** Constructs the parser does not follow (models built in a loop, a field from a function call). */
  skipped: SchemaProblem[];
}

export interface SourceFile {
  /** A path or URI, carried through to every entity, problem and location. */
  file: string;
  text: string;
}

export function emptyModel(): SchemaModel {
  return { entities: [], relations: [], problems: [], skipped: [] };
}

/** Several models as one (one per input kind), ids kept unique by qualifying a clash with its group. */
export function mergeModels(models: SchemaModel[]): SchemaModel {
  const merged = emptyModel();
  const taken = new Set<string>();
  for (const model of models) {
    const renamed = new Map<string, string>();
    for (const entity of model.entities) {
      let id = entity.id;
      if (taken.has(id)) {
        id = `${entity.group}.${entity.name}`;
        for (let n = 2; taken.has(id); n++) {
          id = `${entity.group}.${entity.name}~${n}`;
        }
        renamed.set(entity.id, id);
      }
      taken.add(id);
      merged.entities.push({ ...entity, id });
    }
    const rename = (id: string): string => renamed.get(id) ?? id;
    for (const relation of model.relations) {
      merged.relations.push({ ...relation, from: rename(relation.from), to: rename(relation.to), ...(relation.through ? { through: rename(relation.through) } : {}) });
    }
    merged.problems.push(...model.problems);
    merged.skipped.push(...model.skipped);
  }
  return merged;
}

/** 1-based line of each offset, by binary search over line starts (files of a megabyte stay fast). */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low + 1;
  };
}

/** The shape `npm run schema -- --format json` prints, documented in the README: nothing more, nothing less. */
export interface SchemaJson {
  entities: Array<{ name: string; file: string; line: number; abstract?: true; fields: Array<{ name: string; type: string; pk?: true; unique?: true; nullable?: true }> }>;
  relations: Array<{ from: string; to: string; field: string; kind: RelationKind; through?: string }>;
  problems: Array<{ file: string; line: number; message: string }>;
}

/**
 * Entities as their source names them (ids only where two apps define the same name); entities outside the
 * input (an external User) and implicit join tables appear only as relation ends and `through`; skipped
 * constructs are listed among the problems.
 */
export function toJson(model: SchemaModel): SchemaJson {
  const names = new Map(model.entities.map((entity) => [entity.id, entity.name]));
  const counts = new Map<string, number>();
  model.entities.forEach((entity) => counts.set(entity.name, (counts.get(entity.name) ?? 0) + 1));
  const nameOf = (id: string): string => {
    const name = names.get(id) ?? id;
    return (counts.get(name) ?? 0) > 1 ? id : name;
  };
  return {
    entities: model.entities
      .filter((entity) => !entity.external && !entity.implicit)
      .map((entity) => ({
        name: nameOf(entity.id),
        file: entity.file,
        line: entity.line,
        ...(entity.abstract ? { abstract: true as const } : {}),
        fields: entity.fields.map((field) => ({
          name: field.name,
          type: field.type,
          ...(field.pk ? { pk: true as const } : {}),
          ...(field.unique ? { unique: true as const } : {}),
          ...(field.nullable ? { nullable: true as const } : {}),
        })),
      })),
    relations: model.relations.map((relation) => ({
      from: nameOf(relation.from),
      to: nameOf(relation.to),
      field: relation.field,
      kind: relation.kind,
      ...(relation.through ? { through: nameOf(relation.through) } : {}),
    })),
    problems: [...model.problems, ...model.skipped.map((skip) => ({ ...skip, message: `skipped: ${skip.message}` }))]
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
      .map(({ file, line, message }) => ({ file, line, message })),
  };
}

const KINDS = new Set(['many-to-one', 'one-to-one', 'many-to-many']);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 100_000;
const isLine = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isOptional = (value: unknown, check: (v: unknown) => boolean): boolean => value === undefined || check(value);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checks shapes of unknown data, field by field
const listOf = (value: unknown, check: (item: any) => boolean): boolean => Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && check(item));

/** Whether data received from the other side of a webview is a well-formed model, field by field. */
export function isSchemaModel(value: unknown): value is SchemaModel {
  const model = value as Partial<SchemaModel> | null;
  const isProblem = (p: SchemaProblem): boolean => isText(p.file) && isLine(p.line) && isText(p.message);
  return (
    model !== null &&
    typeof model === 'object' &&
    listOf(model.entities, (e: SchemaEntity) =>
      [e.id, e.name, e.group, e.file, e.source].every(isText) &&
      isLine(e.line) &&
      isOptional(e.table, isText) &&
      listOf(e.fields, (f: SchemaField) => isText(f.name) && isText(f.type) && isOptional(f.detail, isText) && isOptional(f.line, isLine)) &&
      listOf(e.indexes, (i: SchemaIndex) => Array.isArray(i.fields) && i.fields.every(isText) && isOptional(i.name, isText) && isOptional(i.check, isText)),
    ) &&
    listOf(model.relations, (r: SchemaRelation) => [r.from, r.to, r.field, r.file].every(isText) && KINDS.has(r.kind) && isLine(r.line) && isOptional(r.through, isText) && isOptional(r.relatedName, isText)) &&
    listOf(model.problems, isProblem) &&
    listOf(model.skipped, isProblem)
  );
}

import { getSchema, PrismaParser, VisitorClassFactory, type Attribute, type BlockAttribute, type Field, type Model, type Value } from '@mrleebo/prisma-ast';
import type { SchemaEntity, SchemaField, SchemaModel, SourceFile } from './model';

/**
 * Prisma schemas read with @mrleebo/prisma-ast (pinned to 0.15.0: 0.16 needs Node 22). Models become entities,
 * `@relation(fields:…)` foreign keys, list fields on both sides an implicit many-to-many with Prisma's `_AToB`
 * join table; `@id`, `@@id`, `@unique`, `@@unique`, `@@index`, `@@map`, `@@schema` and enums are read.
 */

/** One parser with locations on (prisma-ast's default has none); the bundle stubs its config-file lookup. */
let parser: PrismaParser | undefined;

function parse(text: string): ReturnType<typeof getSchema> {
  parser ??= new PrismaParser({ nodeLocationTracking: 'full' });
  const Visitor = VisitorClassFactory(parser);
  return getSchema(text, { parser, visitor: new Visitor() });
}

const SCALARS = new Set(['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes']);
const BLOCK_START = /^(model|enum|view|type|generator|datasource)\s/;

const unquote = (value: unknown): string => (typeof value === 'string' ? value.replace(/^"(.*)"$/, '$1') : '');

function args(attribute: Attribute | BlockAttribute | undefined): { positional: Value[]; named: Map<string, Value> } {
  const positional: Value[] = [];
  const named = new Map<string, Value>();
  for (const arg of attribute?.args ?? []) {
    const value = arg.value as unknown as { type?: string; key?: string; value?: Value } | null;
    if (value && typeof value === 'object' && !Array.isArray(value) && value.type === 'keyValue') {
      named.set(value.key ?? '', value.value as Value);
    } else {
      positional.push(arg.value as Value);
    }
  }
  return { positional, named };
}

function list(value: Value | undefined): string[] {
  const array = value as { type?: string; args?: Value[] } | undefined;
  return array?.type === 'array' ? (array.args ?? []).map((item) => (typeof item === 'string' ? item : ((item as { name?: string }).name ?? ''))).filter(Boolean) : [];
}

/**
 * Parses, and on a syntax error reports it and blanks that block (keeping its lines) before trying again, so one
 * half-typed model costs only itself.
 */
function parseTolerant(source: SourceFile, model: SchemaModel): ReturnType<typeof getSchema> | undefined {
  let text = source.text;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return parse(text);
    } catch (error) {
      const token = (error as { token?: { startLine?: number; image?: string } }).token;
      const line = token?.startLine && Number.isFinite(token.startLine) ? token.startLine : text.split('\n').length;
      const lines = text.split('\n');
      let start = line - 1;
      while (start > 0 && !BLOCK_START.test(lines[start])) {
        start--;
      }
      const near = token?.image?.trim() ? `\`${token.image}\`` : 'the end of a line';
      model.problems.push({ file: source.file, line, message: `Prisma syntax error at ${near}${start + 1 !== line ? ` (in the block from line ${start + 1})` : ''}; the other models are still drawn.` });
      let end = line;
      while (end < lines.length && !BLOCK_START.test(lines[end])) {
        end++;
      }
      if (lines.slice(start, end).every((l) => l.trim() === '')) {
        return undefined;
      }
      text = [...lines.slice(0, start), ...lines.slice(start, end).map(() => ''), ...lines.slice(end)].join('\n');
    }
  }
  return undefined;
}

interface RelationField {
  entity: SchemaEntity;
  field: Field;
  target: string;
  name: string;
  fields: string[];
  line: number;
  file: string;
}

export function parsePrisma(files: SourceFile[]): SchemaModel {
  const model: SchemaModel = { entities: [], relations: [], problems: [], skipped: [] };
  const parsed = files.map((source) => ({ source, schema: parseTolerant(source, model) }));
  const models = new Set<string>();
  const enums = new Map<string, string[]>();
  for (const { schema } of parsed) {
    for (const block of schema?.list ?? []) {
      if (block.type === 'model' || block.type === 'view') {
        models.add(block.name);
      } else if (block.type === 'enum') {
        enums.set(block.name, block.enumerators.flatMap((e) => (e.type === 'enumerator' ? [e.name] : [])));
      }
    }
  }
  const relationFields: RelationField[] = [];
  for (const { source, schema } of parsed) {
    for (const block of schema?.list ?? []) {
      if (block.type === 'model' || block.type === 'view') {
        model.entities.push(readModel(block as Model, source.file, models, enums, relationFields));
      }
    }
  }
  linkRelations(model, relationFields);
  return model;
}

function readModel(block: Model, file: string, models: Set<string>, enums: Map<string, string[]>, relationFields: RelationField[]): SchemaEntity {
  const group = (name: string): BlockAttribute | undefined => block.properties.find((p): p is BlockAttribute => p.type === 'attribute' && p.name === name);
  const entity: SchemaEntity = {
    id: block.name,
    name: block.name,
    group: unquote(args(group('schema')).positional[0]) || file.split(/[\\/]/).pop()?.replace(/\.prisma$/, '') || 'schema',
    file,
    line: block.location?.startLine ?? 1,
    source: 'prisma',
    fields: [],
    indexes: [],
  };
  const table = unquote(args(group('map')).positional[0]);
  if (table) {
    entity.table = table;
  }
  for (const property of block.properties) {
    if (property.type === 'field') {
      const type = typeof property.fieldType === 'string' ? property.fieldType : `${property.fieldType.name}(${(property.fieldType.params ?? []).join(', ')})`;
      const attribute = (name: string): Attribute | undefined => property.attributes?.find((a) => a.name === name && !a.group);
      const line = property.location?.startLine ?? entity.line;
      if (models.has(type)) {
        const relation = args(attribute('relation'));
        relationFields.push({ entity, field: property, target: type, name: unquote(relation.positional[0] ?? relation.named.get('name')), fields: list(relation.named.get('fields')), line, file });
        entity.fields.push({ name: property.name, type: `${type}${property.array ? '[]' : ''}`, virtual: true, ...(property.optional ? { nullable: true as const } : {}), line });
        continue;
      }
      const field: SchemaField = { name: property.name, type: `${type}${property.array ? '[]' : ''}`, line };
      if (attribute('id')) {
        field.pk = true;
      }
      if (attribute('unique')) {
        field.unique = true;
      }
      if (property.optional) {
        field.nullable = true;
      }
      const values = enums.get(type);
      const mapped = unquote(args(attribute('map')).positional[0]);
      const details = [values ? `enum ${type}: ${values.join(' | ')}` : SCALARS.has(type) ? '' : `type ${type}`, mapped ? `column "${mapped}"` : ''].filter(Boolean);
      if (details.length > 0) {
        field.detail = details.join('; ');
      }
      entity.fields.push(field);
    } else if (property.type === 'attribute') {
      const { positional, named } = args(property);
      const columns = list(positional[0] ?? named.get('fields'));
      const line = property.location?.startLine;
      const name = unquote(named.get('map') ?? named.get('name'));
      if (property.name === 'id') {
        entity.fields.filter((f) => columns.includes(f.name)).forEach((f) => (f.pk = true));
        entity.indexes.push({ fields: columns, unique: true, name: name || 'primary key', ...(line ? { line } : {}) });
      } else if (property.name === 'unique' || property.name === 'index') {
        entity.indexes.push({ fields: columns, ...(property.name === 'unique' ? { unique: true as const } : {}), ...(name ? { name } : {}), ...(line ? { line } : {}) });
      }
    }
  }
  return entity;
}

/** Pairs each relation field with its other side: the side with `fields:` holds the foreign key. */
function linkRelations(model: SchemaModel, relationFields: RelationField[]): void {
  const byId = new Map(model.entities.map((entity) => [entity.id, entity]));
  const done = new Set<RelationField>();
  const otherSide = (side: RelationField): RelationField | undefined =>
    relationFields.find((other) => other !== side && other.entity.id === side.target && other.target === side.entity.id && other.name === side.name && !done.has(other));
  for (const side of relationFields) {
    if (done.has(side)) {
      continue;
    }
    done.add(side);
    const other = otherSide(side);
    if (other) {
      done.add(other);
    }
    const owner = side.fields.length > 0 ? side : other?.fields.length ? other : undefined;
    if (owner) {
      const back = owner === side ? other : side;
      const columns = owner.fields.map((name) => owner.entity.fields.find((field) => field.name === name));
      columns.forEach((field) => field && (field.fk = true));
      const unique = (owner.fields.length === 1 && columns[0]?.unique === true) || owner.entity.indexes.some((index) => index.unique && index.fields.length === owner.fields.length && index.fields.every((f) => owner.fields.includes(f)));
      model.relations.push({
        from: owner.entity.id,
        to: owner.target,
        field: owner.field.name,
        kind: unique || (back && !back.field.array) ? 'one-to-one' : 'many-to-one',
        ...(owner.field.optional ? { nullable: true as const } : {}),
        columns: owner.fields,
        file: owner.file,
        line: owner.line,
      });
    } else if (side.field.array && other?.field.array) {
      // Implicit many-to-many: Prisma makes `_AToB` (or `_RelationName`), with columns A and B in model-name order.
      const [a, b] = [side, other].sort((x, y) => x.entity.id.localeCompare(y.entity.id));
      const table = `_${side.name || `${a.entity.id}To${b.entity.id}`}`;
      if (!byId.has(table)) {
        const join: SchemaEntity = {
          id: table,
          name: table,
          group: a.entity.group,
          file: a.file,
          line: a.line,
          implicit: true,
          source: 'prisma',
          fields: [
            { name: 'A', type: a.entity.fields.find((f) => f.pk)?.type ?? 'Int', fk: true },
            { name: 'B', type: b.entity.fields.find((f) => f.pk)?.type ?? 'Int', fk: true },
          ],
          indexes: [{ fields: ['A', 'B'], unique: true }, { fields: ['B'] }],
        };
        model.entities.push(join);
        byId.set(table, join);
      }
      model.relations.push({ from: a.entity.id, to: b.entity.id, field: a.field.name, kind: 'many-to-many', through: table, file: a.file, line: a.line });
    } else {
      model.problems.push({ file: side.file, line: side.line, message: `\`${side.entity.name}.${side.field.name}\` has no other side in \`${side.target}\` (Prisma needs both sides of a relation).` });
    }
  }
}

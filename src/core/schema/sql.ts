import { lineIndex, type SchemaEntity, type SchemaField, type SchemaModel, type SourceFile } from './model';

/**
 * PostgreSQL DDL (hand-written, `pg_dump`, `sqlmigrate` output) read with the real PostgreSQL parser compiled to
 * WASM (libpg-query). The file is split into statements by PostgreSQL's own scanner first, and each statement is
 * parsed alone: a half-typed statement is one problem with its line, and every other table is still drawn.
 */

type PgQuery = typeof import('libpg-query');
type ScanToken = ReturnType<PgQuery['scanSync']>['tokens'][number];

interface Statement {
  start: number;
  end: number;
  tokens: ScanToken[];
  /** The scanner rejected it (an unterminated quote): the parser will say where. */
  unscanned?: true;
}

/* The parse tree as JSON, typed as far as this reader looks into it. */
interface Str {
  String?: { sval: string };
}
interface RangeVar {
  schemaname?: string;
  relname: string;
  location?: number;
}
interface Constraint {
  contype: string;
  conname?: string;
  keys?: Str[];
  fk_attrs?: Str[];
  pk_attrs?: Str[];
  pktable?: RangeVar;
  location?: number;
}
interface ColumnDef {
  colname: string;
  typeName?: { location?: number; names?: Str[] };
  constraints?: Array<{ Constraint?: Constraint }>;
  collClause?: { location?: number };
  location?: number;
}
interface TableElt {
  ColumnDef?: ColumnDef;
  Constraint?: Constraint;
}
interface ParsedStatement {
  CreateStmt?: { relation: RangeVar; tableElts?: TableElt[] };
  AlterTableStmt?: { relation: RangeVar; cmds?: Array<{ AlterTableCmd?: { subtype: string; def?: { Constraint?: Constraint; ColumnDef?: ColumnDef } } }> };
  IndexStmt?: { idxname?: string; relation: RangeVar; unique?: boolean; indexParams?: Array<{ IndexElem?: { name?: string; expr?: unknown } }> };
}

interface ForeignKey {
  table: SchemaEntity;
  columns: string[];
  target: RangeVar;
  file: string;
  line: number;
}

let pgQuery: PgQuery | undefined;

/** Loaded on first SQL file only: a Django-only project never compiles the 1.7 MB WASM. */
async function loadPgQuery(): Promise<PgQuery> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  pgQuery ??= require('libpg-query') as PgQuery;
  await pgQuery.loadModule();
  return pgQuery;
}

const names = (list: Str[] | undefined): string[] => (list ?? []).map((item) => item.String?.sval ?? '').filter(Boolean);

/** pg_dump output carries COPY data and psql meta-commands (`\connect`, `\restrict`), which are not SQL: blank them, keeping lines. */
function withoutPsqlLines(text: string): string {
  const blank = (chunk: string): string => chunk.replace(/[^\n]/g, ' ');
  return text
    .replace(/(^COPY [^\n]* FROM stdin;\n)([\s\S]*?^\\\.$)/gm, (_, head: string, data: string) => head + blank(data))
    .replace(/^\\[^\n]*/gm, blank);
}

/** Statements by PostgreSQL's scanner: `;` tokens end them (never one inside a string, comment or dollar quote). */
function split(pg: PgQuery, text: string): Statement[] {
  let tokens: ScanToken[] | undefined;
  try {
    tokens = pg.scanSync(text).tokens;
  } catch {
    tokens = undefined;
  }
  if (tokens) {
    return splitTokens(tokens);
  }
  // The scanner rejects the whole file (an unterminated quote): scan piece by piece between `;`, joining a piece
  // to the next until it scans, so the statements before the broken one are still read.
  const statements: Statement[] = [];
  let start = 0;
  let end = text.indexOf(';');
  while (start < text.length) {
    const stop = end === -1 ? text.length : end + 1;
    try {
      const scanned = pg.scanSync(text.slice(start, stop)).tokens.map((token) => ({ ...token, start: token.start + start, end: token.end + start }));
      statements.push(...splitTokens(scanned));
      start = stop;
      end = text.indexOf(';', start);
    } catch {
      if (end === -1) {
        statements.push({ start, end: text.length, tokens: [], unscanned: true });
        break;
      }
      end = text.indexOf(';', end + 1);
    }
  }
  return statements;
}

function splitTokens(tokens: ScanToken[]): Statement[] {
  const statements: Statement[] = [];
  let current: ScanToken[] = [];
  for (const token of tokens) {
    current.push(token);
    // Only the `;` token itself: a `;` inside a string or comment is part of that token's text.
    if (token.text === ';') {
      statements.push({ start: current[0].start, end: token.end, tokens: current });
      current = [];
    }
  }
  if (current.length > 0) {
    statements.push({ start: current[0].start, end: current[current.length - 1].end, tokens: current });
  }
  return statements;
}

export async function parseSql(files: SourceFile[]): Promise<SchemaModel> {
  const pg = await loadPgQuery();
  const model: SchemaModel = { entities: [], relations: [], problems: [], skipped: [] };
  const tables = new Map<string, SchemaEntity>();
  const foreignKeys: ForeignKey[] = [];
  const key = (relation: RangeVar): string => `${relation.schemaname ?? 'public'}.${relation.relname}`;
  const tableFor = (relation: RangeVar): SchemaEntity | undefined => tables.get(key(relation)) ?? [...tables.values()].find((table) => table.name === relation.relname);

  for (const source of files) {
    const text = withoutPsqlLines(source.text);
    const line = lineIndex(text);
    const queue = split(pg, text);
    for (let statement = queue.shift(); statement; statement = queue.shift()) {
      const sql = text.slice(statement.start, statement.end);
      let parsed: ParsedStatement[];
      try {
        parsed = (pg.parseSync(sql).stmts ?? []).map((entry) => entry.stmt as unknown as ParsedStatement);
      } catch (error) {
        const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
        // libpg-query reports the 0-based offset of the token it stopped at (PostgreSQL's own cursorpos is 1-based).
        const at = Math.min(text.length, statement.start + Math.max(0, details?.cursorPosition ?? 0));
        const message = error instanceof Error ? error.message : String(error);
        const started = line(statement.start);
        model.problems.push({ file: source.file, line: line(at), message: `SQL: ${message}${line(at) !== started ? ` (in the statement from line ${started})` : ''}; the other statements are still drawn.` });
        // A statement left unfinished runs into the next one: when the parser stops at the next CREATE or ALTER,
        // that one is read on its own.
        const restart = statement.tokens.findIndex((token) => token.start >= at);
        if (restart > 0 && /^(create|alter)$/i.test(statement.tokens[restart].text)) {
          const tokens = statement.tokens.slice(restart);
          queue.unshift({ start: tokens[0].start, end: statement.end, tokens });
        }
        continue;
      }
      const at = (location: number | undefined): number => line(statement.start + (location ?? 0));
      // The source text from `from` to the end of its part of the statement (a `,` or `)` at its depth, or `stop`).
      const clip = (from: number, stop = statement.end): string | undefined => {
        let depth = 0;
        let last: ScanToken | undefined;
        for (const token of statement.tokens) {
          if (token.start < from) {
            continue;
          }
          if (token.start >= stop || (depth === 0 && (token.text === ',' || token.text === ')' || token.text === ';'))) {
            break;
          }
          depth += token.text === '(' ? 1 : token.text === ')' ? -1 : 0;
          last = token;
        }
        return last ? text.slice(from, last.end).replace(/\s+/g, ' ') : undefined;
      };
      // The type as written (`numeric(10, 2)`, `timestamp with time zone`), up to the column's first constraint.
      const typeText = (column: ColumnDef): string => {
        const from = statement.start + (column.typeName?.location ?? 0);
        const stops = [...(column.constraints ?? []).map((c) => c.Constraint?.location), column.collClause?.location].filter((loc): loc is number => loc !== undefined).map((loc) => statement.start + loc).filter((loc) => loc > from);
        return clip(from, Math.min(...stops, statement.end)) ?? names(column.typeName?.names).pop() ?? 'unknown';
      };
      const addColumn = (table: SchemaEntity, column: ColumnDef): void => {
        const kinds = (column.constraints ?? []).map((c) => c.Constraint).filter((c): c is Constraint => c !== undefined);
        const field: SchemaField = { name: column.colname, type: typeText(column), line: at(column.location) };
        if (kinds.some((c) => c.contype === 'CONSTR_PRIMARY')) {
          field.pk = true;
        } else if (!kinds.some((c) => c.contype === 'CONSTR_NOTNULL')) {
          field.nullable = true;
        }
        if (kinds.some((c) => c.contype === 'CONSTR_UNIQUE')) {
          field.unique = true;
        }
        field.detail = text.slice(statement.start + (column.location ?? 0)).split(/,\s*\n|\n/, 1)[0].trim().replace(/,$/, '');
        table.fields.push(field);
        for (const fk of kinds.filter((c) => c.contype === 'CONSTR_FOREIGN' && c.pktable)) {
          foreignKeys.push({ table, columns: [column.colname], target: fk.pktable as RangeVar, file: source.file, line: at(fk.location ?? column.location) });
        }
      };
      const addConstraint = (table: SchemaEntity, constraint: Constraint): void => {
        const columns = names(constraint.keys);
        if (constraint.contype === 'CONSTR_PRIMARY') {
          table.fields.filter((f) => columns.includes(f.name)).forEach((f) => {
            f.pk = true;
            delete f.nullable;
          });
          if (columns.length > 1) {
            table.indexes.push({ name: constraint.conname ?? 'primary key', fields: columns, unique: true, line: at(constraint.location) });
          }
        } else if (constraint.contype === 'CONSTR_UNIQUE') {
          if (columns.length === 1) {
            table.fields.filter((f) => f.name === columns[0]).forEach((f) => (f.unique = true));
          }
          table.indexes.push({ ...(constraint.conname ? { name: constraint.conname } : {}), fields: columns, unique: true, line: at(constraint.location) });
        } else if (constraint.contype === 'CONSTR_FOREIGN' && constraint.pktable) {
          foreignKeys.push({ table, columns: names(constraint.fk_attrs), target: constraint.pktable, file: source.file, line: at(constraint.location) });
        } else if (constraint.contype === 'CONSTR_CHECK') {
          const written = clip(statement.start + (constraint.location ?? 0)) ?? 'CHECK';
          table.indexes.push({ ...(constraint.conname ? { name: constraint.conname } : {}), fields: [], check: written.replace(/^(CONSTRAINT\s+\S+\s+)?CHECK\s*/i, ''), line: at(constraint.location) });
        }
      };

      for (const stmt of parsed) {
        if (stmt.CreateStmt) {
          const { relation, tableElts } = stmt.CreateStmt;
          const table: SchemaEntity = { id: key(relation), name: relation.relname, group: relation.schemaname ?? 'public', file: source.file, line: at(relation.location), source: 'sql', fields: [], indexes: [] };
          tables.set(key(relation), table);
          for (const element of tableElts ?? []) {
            if (element.ColumnDef) {
              addColumn(table, element.ColumnDef);
            }
          }
          for (const element of tableElts ?? []) {
            if (element.Constraint) {
              addConstraint(table, element.Constraint);
            }
          }
        } else if (stmt.AlterTableStmt) {
          const table = tableFor(stmt.AlterTableStmt.relation);
          for (const command of stmt.AlterTableStmt.cmds ?? []) {
            const definition = command.AlterTableCmd?.def;
            if (!table || !definition) {
              continue;
            }
            if (command.AlterTableCmd?.subtype === 'AT_AddConstraint' && definition.Constraint) {
              addConstraint(table, definition.Constraint);
            } else if (command.AlterTableCmd?.subtype === 'AT_AddColumn' && definition.ColumnDef) {
              addColumn(table, definition.ColumnDef);
            }
          }
        } else if (stmt.IndexStmt) {
          const { idxname, relation, unique, indexParams } = stmt.IndexStmt;
          const table = tableFor(relation);
          const fields = (indexParams ?? []).map((param) => param.IndexElem?.name ?? '(expression)');
          table?.indexes.push({ ...(idxname ? { name: idxname } : {}), fields, ...(unique ? { unique: true as const } : {}), line: at(relation.location) });
        }
      }
    }
  }

  // Foreign keys last: pg_dump adds them with ALTER TABLE after every table, and a table may reference a later one.
  for (const fk of foreignKeys) {
    const target = tableFor(fk.target) ?? external(model, fk.target);
    const columns = fk.columns.map((name) => fk.table.fields.find((field) => field.name === name));
    columns.forEach((field) => field && (field.fk = true));
    const unique = sameColumns(fk.table.fields.filter((f) => f.pk).map((f) => f.name), fk.columns) || (fk.columns.length === 1 && columns[0]?.unique === true) || fk.table.indexes.some((index) => index.unique && sameColumns(index.fields, fk.columns));
    model.relations.push({
      from: fk.table.id,
      to: target.id,
      field: fk.columns.join(', '),
      kind: unique ? 'one-to-one' : 'many-to-one',
      ...(columns.some((field) => field?.nullable) ? { nullable: true as const } : {}),
      columns: fk.columns,
      file: fk.file,
      line: fk.line,
    });
  }
  model.entities.unshift(...tables.values());
  // Ids are the table name, qualified with its schema only where two schemas use the same name.
  const count = new Map<string, number>();
  model.entities.forEach((entity) => count.set(entity.name, (count.get(entity.name) ?? 0) + 1));
  const ids = new Map(model.entities.map((entity) => [entity.id, (count.get(entity.name) ?? 0) > 1 ? entity.id : entity.name]));
  model.entities = model.entities.map((entity) => ({ ...entity, id: ids.get(entity.id) ?? entity.id }));
  model.relations = model.relations.map((relation) => ({ ...relation, from: ids.get(relation.from) ?? relation.from, to: ids.get(relation.to) ?? relation.to }));
  return model;
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((column) => b.includes(column));
}

function external(model: SchemaModel, relation: RangeVar): SchemaEntity {
  const id = `${relation.schemaname ?? 'public'}.${relation.relname}`;
  let entity = model.entities.find((e) => e.id === id);
  if (!entity) {
    entity = { id, name: relation.relname, group: relation.schemaname ?? 'public', file: '', line: 0, external: true, source: 'sql', fields: [], indexes: [] };
    model.entities.push(entity);
  }
  return entity;
}

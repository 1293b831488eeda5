import { parser } from '@lezer/javascript';
import { lineIndex, type SchemaEntity, type SchemaField, type SchemaModel, type SourceFile } from './model';

/**
 * drizzle-orm schemas read with @lezer/javascript's TypeScript dialect, never run: `pgTable` (and mysqlTable,
 * sqliteTable, `pgSchema(…).table`) calls with their column builders, `.primaryKey()`, `.notNull()`, `.unique()`,
 * `.references(() => t.id)`, spreads of shared column objects, and the extra-config indexes and keys.
 */

const typescript = parser.configure({ dialect: 'ts' });
type JsNode = ReturnType<typeof typescript.parse>['topNode'];

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ';', 'LineComment', 'BlockComment']);

function items(node: JsNode | null | undefined): JsNode[] {
  const list: JsNode[] = [];
  for (let child = node?.firstChild; child; child = child.nextSibling) {
    if (!PUNCTUATION.has(child.name)) {
      list.push(child);
    }
  }
  return list;
}

/** A call chain `f('a', {…}).m1().m2(x)`, unwound: the base call and each method with its arguments. */
interface Chain {
  base: string;
  baseArgs: JsNode[];
  methods: Array<{ name: string; args: JsNode[] }>;
}

interface ForeignKey {
  table: SchemaEntity;
  columns: string[];
  target: string;
  file: string;
  line: number;
}

class DrizzleFile {
  readonly top: JsNode;
  readonly line: (offset: number) => number;
  readonly errors: number[] = [];

  constructor(readonly file: string, readonly text: string) {
    const tree = typescript.parse(text);
    this.top = tree.topNode;
    this.line = lineIndex(text);
    tree.iterate({
      enter: (ref) => {
        if (ref.type.isError) {
          this.errors.push(ref.from);
        }
      },
    });
  }

  source(node: JsNode): string {
    return this.text.slice(node.from, node.to);
  }

  string(node: JsNode | undefined): string | undefined {
    if (node?.name !== 'String') {
      return undefined;
    }
    return this.source(node).slice(1, -1);
  }

  chain(node: JsNode): Chain | undefined {
    const methods: Chain['methods'] = [];
    let current: JsNode | null = node;
    while (current?.name === 'CallExpression') {
      const callee: JsNode | null = current.firstChild;
      const argList: JsNode | null = current.lastChild;
      const args = argList?.name === 'ArgList' ? items(argList) : [];
      if (callee?.name === 'VariableName') {
        return { base: this.source(callee), baseArgs: args, methods: methods.reverse() };
      }
      if (callee?.name !== 'MemberExpression') {
        return undefined;
      }
      const property = callee.lastChild;
      const object: JsNode | null = callee.firstChild;
      // `pgSchema('billing').table(...)` and `billing.table(...)`: the whole member expression is the builder.
      if (object?.name === 'CallExpression' && property?.name === 'PropertyName' && !SCHEMA_CALL.test(this.source(object))) {
        methods.push({ name: this.source(property), args });
        current = object;
      } else {
        return { base: this.source(callee).replace(/\s+/g, ''), baseArgs: args, methods: methods.reverse() };
      }
    }
    return undefined;
  }

  /** `t.authorId` → 'authorId'; `users.id` → ['users', 'id'] via `parts`. */
  parts(node: JsNode | undefined): string[] | undefined {
    if (node?.name === 'MemberExpression' && node.firstChild?.name === 'VariableName' && node.lastChild?.name === 'PropertyName') {
      return [this.source(node.firstChild), this.source(node.lastChild)];
    }
    return undefined;
  }

  /** The properties of an object literal, name → value node. */
  properties(node: JsNode | undefined): Map<string, JsNode> {
    const map = new Map<string, JsNode>();
    for (const property of node?.name === 'ObjectExpression' ? items(node) : []) {
      const key = property.firstChild;
      const value = property.lastChild;
      if (property.name === 'Property' && key?.name === 'PropertyDefinition' && value && value !== key) {
        map.set(this.source(key), value);
      }
    }
    return map;
  }
}

/** Top-level `const x = …` (exported or not), name → initializer. */
function declarations(file: DrizzleFile): Array<{ name: string; init: JsNode; statement: JsNode }> {
  const found: Array<{ name: string; init: JsNode; statement: JsNode }> = [];
  for (const statement of items(file.top)) {
    const declaration = statement.name === 'ExportDeclaration' ? items(statement).find((child) => child.name === 'VariableDeclaration') : statement.name === 'VariableDeclaration' ? statement : undefined;
    const parts = items(declaration);
    for (let index = 0; index < parts.length; index++) {
      if (parts[index].name === 'VariableDefinition' && parts[index + 1]?.name === 'Equals' && parts[index + 2]) {
        found.push({ name: file.source(parts[index]), init: parts[index + 2], statement });
      }
    }
  }
  return found;
}

const TABLE_BUILDER = /(^|\.)(pg|mysql|sqlite|singlestore)?[Tt]able$/;
/** `pgSchema('billing')` (and mysqlSchema): a schema whose `.table(…)` makes tables in it. */
const SCHEMA_CALL = /^(pg|mysql)Schema\(\s*(['"])([^'"]+)\2\s*\)$/;

export function parseDrizzle(files: SourceFile[]): SchemaModel {
  const model: SchemaModel = { entities: [], relations: [], problems: [], skipped: [] };
  const parsed = files.map((source) => new DrizzleFile(source.file, source.text));
  const tablesByVar = new Map<string, SchemaEntity>();
  const columnsByVar = new Map<string, Map<string, string>>();
  const enums = new Map<string, string[]>();
  /** `const billing = pgSchema('billing')`: variable → schema name. */
  const schemas = new Map<string, string>();
  const objects = new Map<string, { file: DrizzleFile; node: JsNode }>();
  const foreignKeys: ForeignKey[] = [];

  for (const file of parsed) {
    const starts = new Set<number>();
    for (const offset of file.errors) {
      let node: JsNode | null = file.top.resolveInner(offset, -1);
      while (node?.parent && node.parent.name !== 'Script') {
        node = node.parent;
      }
      starts.add(node && node.name !== 'Script' ? node.from : offset);
    }
    for (const start of [...starts].slice(0, 10)) {
      model.problems.push({ file: file.file, line: file.line(start), message: `TypeScript syntax error in the statement starting \`${file.text.slice(start).split('\n', 1)[0].trim().slice(0, 80)}\`; the other tables are still drawn.` });
    }
    for (const statement of items(file.top)) {
      if ((statement.name === 'ForStatement' || statement.name === 'WhileStatement') && /[Tt]able\(/.test(file.source(statement))) {
        model.skipped.push({ file: file.file, line: file.line(statement.from), message: 'tables made in a loop are not drawn (the schema is read, not run).' });
      }
    }
    for (const { name, init } of declarations(file)) {
      if (init.name === 'ObjectExpression') {
        objects.set(name, { file, node: init });
      }
      const schemaName = SCHEMA_CALL.exec(file.source(init))?.[3];
      if (schemaName) {
        schemas.set(name, schemaName);
      }
      const chain = init.name === 'CallExpression' ? file.chain(init) : undefined;
      if (chain && /Enum$/.test(chain.base)) {
        const values = chain.baseArgs[1]?.name === 'ArrayExpression' ? items(chain.baseArgs[1]).map((item) => file.string(item) ?? file.source(item)) : [];
        enums.set(name, values);
      }
    }
  }

  for (const file of parsed) {
    for (const { name, init, statement } of declarations(file)) {
      const chain = init.name === 'CallExpression' ? file.chain(init) : undefined;
      if (!chain || !TABLE_BUILDER.test(chain.base) || chain.methods.length > 0) {
        continue;
      }
      const [nameArg, columnsArg, extraArg] = chain.baseArgs;
      const tableName = file.string(nameArg) ?? name;
      const builder = chain.base.replace(/\.table$/, '');
      const schema = SCHEMA_CALL.exec(builder)?.[3] ?? schemas.get(builder);
      const entity: SchemaEntity = {
        id: tableName,
        name: tableName,
        group: schema ?? file.file.split(/[\\/]/).pop()?.replace(/\.[cm]?[jt]s$/, '') ?? 'schema',
        file: file.file,
        line: file.line(statement.from),
        source: 'drizzle',
        fields: [],
        indexes: [],
      };
      if (name !== tableName) {
        entity.table = tableName;
        entity.name = name;
        entity.id = name;
      }
      tablesByVar.set(name, entity);
      const keyToColumn = new Map<string, string>();
      columnsByVar.set(name, keyToColumn);
      if (columnsArg?.name !== 'ObjectExpression') {
        model.skipped.push({ file: file.file, line: file.line(statement.from), message: `the columns of \`${name}\` are computed; they are not drawn.` });
        model.entities.push(entity);
        continue;
      }
      const readColumns = (source: DrizzleFile, object: JsNode): void => {
        for (const property of items(object)) {
          if (property.firstChild?.name === 'Spread') {
            const spread = property.lastChild && property.lastChild.name === 'VariableName' ? objects.get(source.source(property.lastChild)) : undefined;
            if (spread) {
              readColumns(spread.file, spread.node);
            } else {
              model.skipped.push({ file: source.file, line: source.line(property.from), message: `\`${source.source(property)}\` in \`${name}\` is not a column object the parser can see; its columns are not drawn.` });
            }
            continue;
          }
          const key = property.firstChild?.name === 'PropertyDefinition' ? source.source(property.firstChild) : undefined;
          const value = property.lastChild;
          const column = value && value.name === 'CallExpression' ? source.chain(value) : undefined;
          if (!key || !column) {
            if (key) {
              model.skipped.push({ file: source.file, line: source.line(property.from), message: `column \`${key}\` of \`${name}\` is not a column builder call; it is not drawn.` });
            }
            continue;
          }
          const columnName = source.string(column.baseArgs[0]) ?? key;
          keyToColumn.set(key, columnName);
          const config = source.properties(column.baseArgs.find((arg) => arg.name === 'ObjectExpression'));
          const number = (k: string): string | undefined => (config.get(k) ? source.source(config.get(k) as JsNode) : undefined);
          const size = [number('length') ?? number('precision'), number('scale')].filter(Boolean).join(', ');
          const methods = new Set(column.methods.map((method) => method.name));
          const values = enums.get(column.base);
          // The enum's values go in the detail, its name stays the type.
          const field: SchemaField = {
            name: columnName,
            type: `${column.base}${size ? `(${size})` : ''}${config.get('withTimezone') && source.source(config.get('withTimezone') as JsNode) === 'true' ? ' with time zone' : ''}${methods.has('array') ? '[]' : ''}`,
            line: source.line(property.from),
            detail: `${key}: ${source.source(value as JsNode).replace(/\s+/g, ' ').slice(0, 200)}`,
          };
          if (methods.has('primaryKey')) {
            field.pk = true;
          } else if (!methods.has('notNull')) {
            field.nullable = true;
          }
          if (methods.has('unique')) {
            field.unique = true;
          }
          if (values) {
            field.detail = `enum ${column.base}: ${values.join(' | ')}`;
          }
          entity.fields.push(field);
          const references = column.methods.find((method) => method.name === 'references');
          const arrow = references?.args[0];
          const target = arrow?.name === 'ArrowFunction' ? source.parts(arrow.lastChild ?? undefined) : undefined;
          if (target) {
            foreignKeys.push({ table: entity, columns: [columnName], target: target[0], file: source.file, line: source.line(property.from) });
          }
        }
      };
      readColumns(file, columnsArg);
      if (extraArg) {
        readExtra(file, extraArg, entity, keyToColumn, foreignKeys);
      }
      model.entities.push(entity);
    }
  }

  for (const fk of foreignKeys) {
    const target = tablesByVar.get(fk.target);
    const columns = fk.columns.map((column) => fk.table.fields.find((field) => field.name === column));
    columns.forEach((field) => field && (field.fk = true));
    if (!target) {
      model.problems.push({ file: fk.file, line: fk.line, message: `\`${fk.table.name}\` references \`${fk.target}\`, which is not a table in the files read.` });
      continue;
    }
    const pk = fk.table.fields.filter((field) => field.pk).map((field) => field.name);
    const unique = (fk.columns.length === 1 && columns[0]?.unique) || (pk.length === fk.columns.length && pk.every((column) => fk.columns.includes(column)));
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
  return model;
}

/** The third argument of a table: `(t) => [index(…).on(t.a), primaryKey({ columns: […] }), foreignKey({…})]` or an object of them. */
function readExtra(file: DrizzleFile, arrow: JsNode, entity: SchemaEntity, keyToColumn: Map<string, string>, foreignKeys: ForeignKey[]): void {
  let body = arrow.name === 'ArrowFunction' ? arrow.lastChild : null;
  if (body?.name === 'ParenthesizedExpression') {
    body = items(body)[0] ?? null;
  }
  const entries = body?.name === 'ArrayExpression' ? items(body) : body?.name === 'ObjectExpression' ? [...file.properties(body).values()] : [];
  const column = (node: JsNode): string | undefined => {
    const parts = file.parts(node);
    return parts ? (keyToColumn.get(parts[1]) ?? parts[1]) : undefined;
  };
  const columnsOf = (nodes: JsNode[]): string[] => nodes.flatMap((node) => (node.name === 'ArrayExpression' ? items(node) : [node])).map(column).filter((c): c is string => c !== undefined);
  for (const entry of entries) {
    const chain = entry.name === 'CallExpression' ? file.chain(entry) : undefined;
    if (!chain) {
      continue;
    }
    const line = file.line(entry.from);
    const name = file.string(chain.baseArgs[0]);
    const on = chain.methods.find((method) => method.name === 'on');
    const config = file.properties(chain.baseArgs.find((arg) => arg.name === 'ObjectExpression'));
    switch (chain.base) {
      case 'index':
      case 'uniqueIndex':
      case 'unique':
        entity.indexes.push({ fields: columnsOf(on?.args ?? []), ...(chain.base !== 'index' ? { unique: true as const } : {}), ...(name ? { name } : {}), line });
        break;
      case 'primaryKey': {
        const columns = config.size > 0 ? columnsOf(config.get('columns') ? [config.get('columns') as JsNode] : []) : columnsOf(chain.baseArgs);
        entity.fields.filter((field) => columns.includes(field.name)).forEach((field) => {
          field.pk = true;
          delete field.nullable;
        });
        entity.indexes.push({ fields: columns, unique: true, name: file.string(config.get('name')) ?? 'primary key', line });
        break;
      }
      case 'foreignKey': {
        const foreign = config.get('foreignColumns');
        const target = foreign?.name === 'ArrayExpression' ? file.parts(items(foreign)[0]) : undefined;
        if (target) {
          foreignKeys.push({ table: entity, columns: columnsOf(config.get('columns') ? [config.get('columns') as JsNode] : []), target: target[0], file: file.file, line });
        }
        break;
      }
      default:
        break;
    }
  }
}

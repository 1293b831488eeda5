import { lineIndex, type RelationKind, type SchemaEntity, type SchemaField, type SchemaIndex, type SchemaModel, type SchemaRelation, type SourceFile } from './model';
import { children, items, PySource, type CallArgs, type PyNode } from './pythonSyntax';

/**
 * Django models read with @lezer/python, never run: classes deriving from models.Model (directly, through abstract
 * bases, or through other models), their fields, Meta, and the relations between them across apps. The parser
 * recovers from syntax errors, so a half-typed line costs its statement, not the file.
 */

interface PyFile {
  file: string;
  app: string;
  py: PySource;
  line: (offset: number) => number;
  /** Local name → the module it was imported from (`User` → `django.contrib.auth.models`). */
  imports: Map<string, string>;
  /** Django's own base classes, read for their fields but never drawn themselves. */
  library?: true;
}

interface FieldDecl {
  name: string;
  className: string;
  args: CallArgs;
  node: PyNode;
  file: PyFile;
  /** The class that wrote it, for `%(class)s` in a related_name inherited from an abstract base. */
  owner: ClassDecl;
}

interface Meta {
  abstract: boolean;
  proxy: boolean;
  dbTable?: string;
  indexes: SchemaIndex[];
  declared: boolean;
}

interface ClassDecl {
  name: string;
  app: string;
  file: PyFile;
  line: number;
  bases: string[][];
  fields: FieldDecl[];
  meta: Meta;
}

const RELATION_KIND: Array<[RegExp, RelationKind]> = [
  [/ForeignKey$/, 'many-to-one'],
  [/OneToOneField$/, 'one-to-one'],
  [/ManyToManyField$/, 'many-to-many'],
];
const VIRTUAL_FIELDS = new Set(['GenericForeignKey', 'GenericRelation']);
/** Class attributes that are not columns and need no mention (managers, trackers, descriptors). */
const NOT_FIELDS = /(Manager|QuerySet|Tracker|Descriptor)$|^(property|cached_property|classmethod|staticmethod|_|gettext_lazy|as_manager|from_queryset)$/;

/** django.contrib.auth's abstract user bases (Django 3.2 to 5), so a custom user shows the columns it really has. */
const AUTH_BASES = `
class AbstractBaseUser(models.Model):
    password = models.CharField(max_length=128)
    last_login = models.DateTimeField(blank=True, null=True)
    class Meta:
        abstract = True
class PermissionsMixin(models.Model):
    is_superuser = models.BooleanField(default=False)
    groups = models.ManyToManyField("auth.Group", blank=True, related_name="user_set", related_query_name="user")
    user_permissions = models.ManyToManyField("auth.Permission", blank=True, related_name="user_set", related_query_name="user")
    class Meta:
        abstract = True
class AbstractUser(AbstractBaseUser, PermissionsMixin):
    username = models.CharField(max_length=150, unique=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    class Meta:
        abstract = True
`;

/** The Django app a file belongs to: `shop/models.py` and `shop/models/order.py` are both in `shop`. */
export function djangoApp(file: string): string {
  const parts = file.split(/[\\/]/).filter(Boolean);
  parts.pop();
  if (parts[parts.length - 1] === 'models') {
    parts.pop();
  }
  return decodeURIComponent(parts[parts.length - 1] ?? 'app');
}

export function parseDjango(files: SourceFile[]): SchemaModel {
  return new DjangoReader(files).read();
}

class DjangoReader {
  private readonly model: SchemaModel = { entities: [], relations: [], problems: [], skipped: [] };
  private readonly classes: ClassDecl[] = [];
  private readonly library: ClassDecl[] = [];
  private authUserModel: string | undefined;
  private defaultAutoField = 'AutoField';
  private readonly appAutoField = new Map<string, string>();
  /** app.Name → entity, for project models and the external ones relations name. */
  private readonly entities = new Map<string, SchemaEntity>();
  private readonly modelClasses = new Set<ClassDecl>();
  private readonly byName = new Map<string, ClassDecl[]>();

  constructor(private readonly files: SourceFile[]) {}

  read(): SchemaModel {
    const auth = this.load({ file: 'django/contrib/auth/models.py', text: AUTH_BASES }, true);
    this.collect(auth.py.top, auth, this.library);
    for (const source of this.files) {
      const file = this.load(source, false);
      this.reportSyntaxErrors(file);
      this.collect(file.py.top, file, this.classes);
    }
    for (const cls of this.classes) {
      this.byName.set(cls.name, [...(this.byName.get(cls.name) ?? []), cls]);
    }
    this.findModels();
    for (const cls of this.classes) {
      if (this.modelClasses.has(cls)) {
        this.emit(cls);
      }
    }
    this.assignIds();
    return this.model;
  }

  private load(source: SourceFile, library: boolean): PyFile {
    const py = new PySource(source.text);
    return { file: source.file, app: library ? 'auth' : djangoApp(source.file), py, line: lineIndex(source.text), imports: new Map(), ...(library ? { library: true as const } : {}) };
  }

  /** One problem per statement that failed to parse, at the line the statement starts (where Python points too). */
  private reportSyntaxErrors(file: PyFile): void {
    const starts = new Set<number>();
    for (const offset of file.py.errors) {
      let node: PyNode | null = file.py.top.resolveInner(offset, -1);
      while (node?.parent && node.parent.name !== 'Body' && node.parent.name !== 'Script') {
        node = node.parent;
      }
      starts.add(node && node.name !== 'Script' ? node.from : offset);
    }
    for (const start of [...starts].slice(0, 10)) {
      const line = file.line(start);
      const text = file.py.source.slice(start).split('\n', 1)[0].trim();
      this.model.problems.push({ file: file.file, line, message: `Python syntax error in the statement starting \`${text.slice(0, 80)}\`; the rest of the file is still read.` });
    }
  }

  private skip(file: PyFile, at: PyNode | number, message: string): void {
    if (!file.library) {
      this.model.skipped.push({ file: file.file, line: typeof at === 'number' ? at : file.line(at.from), message });
    }
  }

  /** Top-level statements (and those under `if` / `try`, as settings-dependent models are): classes, imports, settings. */
  private collect(block: PyNode, file: PyFile, into: ClassDecl[]): void {
    for (const statement of children(block)) {
      switch (statement.name) {
        case 'ClassDefinition':
          into.push(this.readClass(statement, file));
          break;
        case 'DecoratedStatement': {
          const cls = children(statement).find((child) => child.name === 'ClassDefinition');
          if (cls) {
            into.push(this.readClass(cls, file));
          }
          break;
        }
        case 'ImportStatement':
          this.readImport(statement, file);
          break;
        case 'AssignStatement':
          this.readSetting(statement, file);
          break;
        case 'IfStatement':
        case 'TryStatement':
          for (const body of children(statement).filter((child) => child.name === 'Body')) {
            this.collect(body, file, into);
          }
          break;
        case 'ForStatement':
        case 'WhileStatement':
          if (/\bclass\b|\btype\(/.test(file.py.text(statement))) {
            this.skip(file, statement, 'models built in a loop are not drawn (the parser reads code, it does not run it).');
          }
          break;
        case 'ExpressionStatement': {
          const call = statement.firstChild;
          const callee = call?.name === 'CallExpression' && call.firstChild ? file.py.dottedName(call.firstChild) : undefined;
          if (callee?.[callee.length - 1] === 'add_to_class') {
            this.skip(file, statement, `\`${file.py.text(call as PyNode).slice(0, 60)}\` adds a field at run time; it is not drawn.`);
          }
          break;
        }
        default:
          break;
      }
    }
  }

  private readImport(statement: PyNode, file: PyFile): void {
    const parts = children(statement);
    const importAt = parts.findIndex((part) => part.name === 'import');
    const isFrom = parts[0]?.name === 'from';
    const module = isFrom ? parts.slice(1, importAt).map((part) => file.py.text(part)).join('') : '';
    const names = parts.slice(importAt + 1).filter((part) => part.name === 'VariableName');
    for (let index = 0; index < names.length; index++) {
      const name = file.py.text(names[index]);
      const next = names[index].nextSibling;
      const local = next?.name === 'as' && names[index + 1] ? file.py.text(names[++index]) : name;
      file.imports.set(local, isFrom ? `${module}.${name}` : name);
    }
  }

  private readSetting(statement: PyNode, file: PyFile): void {
    const [target, op, value] = children(statement);
    if (target?.name !== 'VariableName' || op?.name !== 'AssignOp' || !value) {
      if (value?.name === 'CallExpression' && value.firstChild && file.py.dottedName(value.firstChild)?.join('.') === 'type') {
        this.skip(file, statement, 'a model built with type() is not drawn (the parser reads code, it does not run it).');
      }
      return;
    }
    const name = file.py.text(target);
    const text = file.py.stringValue(value);
    if (name === 'AUTH_USER_MODEL' && text) {
      this.authUserModel = text;
    } else if (name === 'DEFAULT_AUTO_FIELD' && text) {
      this.defaultAutoField = text.split('.').pop() ?? text;
    } else if (value.name === 'CallExpression' && value.firstChild && file.py.dottedName(value.firstChild)?.join('.') === 'type') {
      this.skip(file, statement, `\`${name}\` is a model built with type(); it is not drawn (the parser reads code, it does not run it).`);
    }
  }

  private readClass(node: PyNode, file: PyFile): ClassDecl {
    const nameNode = children(node).find((child) => child.name === 'VariableName');
    const argList = children(node).find((child) => child.name === 'ArgList') ?? null;
    const body = children(node).find((child) => child.name === 'Body');
    const cls: ClassDecl = {
      name: nameNode ? file.py.text(nameNode) : '?',
      app: file.app,
      file,
      line: file.line(node.from),
      bases: file.py.callArgs(argList).positional.map((base) => file.py.dottedName(base)).filter((base): base is string[] => base !== undefined),
      fields: [],
      meta: { abstract: false, proxy: false, indexes: [], declared: false },
    };
    for (const statement of body ? children(body) : []) {
      if (statement.name === 'AssignStatement') {
        this.readAppConfig(statement, cls);
        this.readField(statement, cls);
      } else if (statement.name === 'ClassDefinition' && file.py.text(children(statement)[1] ?? statement) === 'Meta') {
        this.readMeta(statement, cls);
      } else if (statement.name === 'ForStatement' || statement.name === 'WhileStatement') {
        this.skip(file, statement, `fields of \`${cls.name}\` made in a loop are not drawn.`);
      } else if (statement.name === 'ExpressionStatement' && /\b(locals|vars|setattr)\(/.test(file.py.text(statement))) {
        this.skip(file, statement, `\`${file.py.text(statement).slice(0, 60)}\` sets attributes at run time; they are not drawn.`);
      }
    }
    return cls;
  }

  /** `default_auto_field` in an AppConfig: the type of the implicit `id` of that app's models. */
  private readAppConfig(statement: PyNode, cls: ClassDecl): void {
    const [target, op, value] = children(statement);
    if (target && value && op?.name === 'AssignOp' && cls.file.py.text(target) === 'default_auto_field') {
      const type = cls.file.py.stringValue(value);
      if (type) {
        this.appAutoField.set(cls.app, type.split('.').pop() ?? type);
      }
    }
  }

  private readField(statement: PyNode, cls: ClassDecl): void {
    const { py } = cls.file;
    const parts = children(statement);
    const target = parts[0];
    const value = parts[parts.findIndex((part) => part.name === 'AssignOp') + 1];
    if (!target || !value || !parts.some((part) => part.name === 'AssignOp')) {
      return;
    }
    if (target.name !== 'VariableName') {
      this.skip(cls.file, statement, `\`${py.text(statement).slice(0, 60)}\` assigns a computed name; it is not drawn.`);
      return;
    }
    if (value.name !== 'CallExpression' || !value.firstChild) {
      return;
    }
    const callee = py.dottedName(value.firstChild);
    const className = callee?.[callee.length - 1];
    const name = py.text(target);
    if (!callee || !className) {
      this.skip(cls.file, statement, `\`${name}\` on \`${cls.name}\` comes from a computed call; it is not drawn.`);
      return;
    }
    if (/Field$/.test(className) || RELATION_KIND.some(([pattern]) => pattern.test(className)) || VIRTUAL_FIELDS.has(className)) {
      cls.fields.push({ name, className, args: py.callArgs(children(value).find((child) => child.name === 'ArgList') ?? null), node: statement, file: cls.file, owner: cls });
    } else if (!NOT_FIELDS.test(className) && !/^[A-Z_0-9]+$/.test(name)) {
      this.skip(cls.file, statement, `\`${name} = ${callee.join('.')}(…)\` on \`${cls.name}\`: a field made by a function call is not drawn.`);
    }
  }

  private readMeta(node: PyNode, cls: ClassDecl): void {
    const { py } = cls.file;
    cls.meta.declared = true;
    const body = children(node).find((child) => child.name === 'Body');
    for (const statement of body ? children(body) : []) {
      const [target, op, value] = children(statement);
      if (statement.name !== 'AssignStatement' || target?.name !== 'VariableName' || op?.name !== 'AssignOp' || !value) {
        continue;
      }
      const key = py.text(target);
      const line = cls.file.line(statement.from);
      const literal = py.literal(value);
      switch (key) {
        case 'abstract':
        case 'proxy':
          cls.meta[key] = literal === true;
          break;
        case 'db_table':
          if (typeof literal === 'string') {
            cls.meta.dbTable = literal;
          }
          break;
        case 'unique_together':
        case 'index_together':
          if (Array.isArray(literal)) {
            const groups = literal.every((entry) => typeof entry === 'string') ? [literal] : literal;
            for (const group of groups) {
              if (Array.isArray(group)) {
                cls.meta.indexes.push({ fields: group.map(String), line, ...(key === 'unique_together' ? { unique: true as const } : {}) });
              }
            }
          } else {
            this.skip(cls.file, statement, `\`Meta.${key}\` of \`${cls.name}\` is computed; it is not listed.`);
          }
          break;
        case 'indexes':
        case 'constraints':
          if (value.name !== 'ArrayExpression' && value.name !== 'TupleExpression') {
            this.skip(cls.file, statement, `\`Meta.${key}\` of \`${cls.name}\` is computed; it is not listed.`);
            break;
          }
          for (const entry of items(value)) {
            const index = this.readIndex(entry, cls);
            if (index) {
              cls.meta.indexes.push(index);
            } else {
              this.skip(cls.file, entry, `an entry of \`Meta.${key}\` of \`${cls.name}\` is computed; it is not listed.`);
            }
          }
          break;
        default:
          break;
      }
    }
  }

  /** `models.Index(...)`, `models.UniqueConstraint(...)`, `models.CheckConstraint(...)` and their relatives. */
  private readIndex(node: PyNode, cls: ClassDecl): SchemaIndex | undefined {
    const { py } = cls.file;
    if (node.name !== 'CallExpression' || !node.firstChild) {
      return undefined;
    }
    const kind = py.dottedName(node.firstChild)?.pop();
    // Index, UniqueConstraint, CheckConstraint, ExclusionConstraint, GinIndex…: anything else is a call that builds one.
    if (!kind || !/(Index|Constraint)$/.test(kind)) {
      return undefined;
    }
    const args = py.callArgs(children(node).find((child) => child.name === 'ArgList') ?? null);
    const fieldsNode = args.keywords.get('fields');
    const literal = fieldsNode ? py.literal(fieldsNode) : undefined;
    // Positional arguments are expressions (`Lower("name")`) or field names as strings.
    const fields = Array.isArray(literal) ? literal.map(String) : args.positional.map((expression) => py.stringValue(expression) ?? py.text(expression).replace(/\s+/g, ' '));
    const nameNode = args.keywords.get('name');
    const name = nameNode ? py.stringValue(nameNode) : undefined;
    const condition = args.keywords.get('check') ?? args.keywords.get('condition');
    return {
      fields,
      line: cls.file.line(node.from),
      ...(name ? { name } : {}),
      ...(/Unique/.test(kind) ? { unique: true as const } : {}),
      ...(/Check/.test(kind) && condition ? { check: py.text(condition).replace(/\s+/g, ' ') } : {}),
    };
  }

  /** A class is a model when a base is models.Model, a known model, or a Django model base it cannot see. */
  private findModels(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const cls of this.classes) {
        if (!this.modelClasses.has(cls) && cls.bases.some((base) => this.isModelBase(base, cls))) {
          this.modelClasses.add(cls);
          changed = true;
        }
      }
    }
  }

  private isModelBase(base: string[], cls: ClassDecl): boolean {
    const name = base[base.length - 1];
    if (name === 'Model' && (base.length === 1 || base[base.length - 2] === 'models')) {
      return true;
    }
    if (this.library.some((lib) => lib.name === name)) {
      return true;
    }
    const known = this.findClass(name, cls.app);
    if (known) {
      return this.modelClasses.has(known);
    }
    // A base outside the files read (another app's abstract model, TimeStampedModel): a model if it has fields.
    return cls.fields.length > 0 || (/Model$|^Abstract/.test(name) && cls.meta.declared);
  }

  private findClass(name: string, app?: string): ClassDecl | undefined {
    const named = this.byName.get(name) ?? [];
    return named.find((cls) => cls.app === app) ?? named[0];
  }

  private baseClass(base: string[], cls: ClassDecl): ClassDecl | undefined {
    const name = base[base.length - 1];
    const found = this.findClass(name, cls.app);
    return found && this.modelClasses.has(found) ? found : this.library.find((lib) => lib.name === name);
  }

  /** Fields in Django's order: those of abstract bases first (a child may override them), then its own. */
  private fieldsOf(cls: ClassDecl, seen = new Set<ClassDecl>()): { fields: FieldDecl[]; parents: ClassDecl[]; indexes: SchemaIndex[] } {
    seen.add(cls);
    const fields: FieldDecl[] = [];
    const parents: ClassDecl[] = [];
    const indexes: SchemaIndex[] = [];
    for (const base of cls.bases) {
      const parent = this.baseClass(base, cls);
      if (!parent || seen.has(parent)) {
        continue;
      }
      if (parent.meta.abstract) {
        const inherited = this.fieldsOf(parent, seen);
        fields.push(...inherited.fields);
        parents.push(...inherited.parents);
        if (!cls.meta.declared) {
          indexes.push(...inherited.indexes);
        }
      } else {
        parents.push(parent);
      }
    }
    const own = new Set(cls.fields.map((field) => field.name));
    return { fields: [...fields.filter((field) => !own.has(field.name)), ...cls.fields], parents, indexes: [...indexes, ...cls.meta.indexes] };
  }

  private emit(cls: ClassDecl): void {
    const { file } = cls;
    if (cls.meta.proxy) {
      this.skip(file, cls.line, `\`${cls.name}\` is a proxy model: it shares its parent's table and is not drawn apart.`);
      return;
    }
    const entity = this.entityFor(cls);
    const { fields, parents, indexes } = this.fieldsOf(cls);
    entity.indexes.push(...indexes);
    for (const parent of parents) {
      // Multi-table inheritance: the child's primary key is a one-to-one link to its parent's row.
      const name = `${parent.name.toLowerCase()}_ptr`;
      entity.fields.push({ name, type: 'OneToOneField', pk: true, unique: true, fk: true, detail: `parent link to ${parent.name} (multi-table inheritance)`, line: cls.line });
      if (!cls.meta.abstract) {
        this.model.relations.push({ from: this.key(cls), to: this.key(parent), field: name, kind: 'one-to-one', columns: [`${name}_id`], file: file.file, line: cls.line });
      }
    }
    for (const field of fields) {
      entity.fields.push(this.field(field, cls));
    }
    if (!entity.fields.some((field) => field.pk) && !cls.meta.abstract) {
      const type = this.appAutoField.get(cls.app) ?? this.defaultAutoField;
      entity.fields.unshift({ name: 'id', type, pk: true, detail: `implicit primary key (${type})`, line: cls.line });
    }
    for (const field of fields) {
      if (field.args.keywords.has('db_index') && field.file.py.literal(field.args.keywords.get('db_index') as PyNode) === true) {
        entity.indexes.push({ fields: [field.name], line: field.file.line(field.node.from) });
      }
    }
  }

  private field(decl: FieldDecl, cls: ClassDecl): SchemaField {
    const { py } = decl.file;
    const flag = (key: string): boolean => {
      const node = decl.args.keywords.get(key);
      return node !== undefined && py.literal(node) === true;
    };
    const kind = VIRTUAL_FIELDS.has(decl.className) ? undefined : RELATION_KIND.find(([pattern]) => pattern.test(decl.className))?.[1];
    const callText = py.text(decl.node).slice(py.text(decl.node).indexOf('=') + 1).trim().replace(/\s+/g, ' ');
    const field: SchemaField = {
      name: decl.name,
      type: decl.className,
      ...(flag('primary_key') ? { pk: true as const } : {}),
      ...(flag('unique') || kind === 'one-to-one' ? { unique: true as const } : {}),
      ...(flag('null') ? { nullable: true as const } : {}),
      ...(kind === 'many-to-many' || VIRTUAL_FIELDS.has(decl.className) ? { virtual: true as const } : {}),
      ...(kind && kind !== 'many-to-many' ? { fk: true as const } : {}),
      detail: callText.length > 200 ? `${callText.slice(0, 199)}…` : callText,
      ...(decl.file.library ? {} : { line: decl.file.line(decl.node.from) }),
    };
    if (kind && !cls.meta.abstract) {
      this.relation(decl, cls, kind, field);
    }
    return field;
  }

  private relation(decl: FieldDecl, cls: ClassDecl, kind: RelationKind, field: SchemaField): void {
    const { py } = decl.file;
    const targetNode = decl.args.keywords.get('to') ?? decl.args.positional[0];
    const line = decl.file.library ? cls.line : decl.file.line(decl.node.from);
    const at = { file: decl.file.library ? cls.file.file : decl.file.file, line };
    const target = targetNode ? this.target(targetNode, decl, cls) : undefined;
    if (!target) {
      this.model.skipped.push({ ...at, message: `the target of \`${cls.name}.${decl.name}\` is computed; the relation is not drawn.` });
      return;
    }
    const relatedNode = decl.args.keywords.get('related_name');
    const related = relatedNode ? py.stringValue(relatedNode) : undefined;
    const relation: SchemaRelation = {
      from: this.key(cls),
      to: target,
      field: decl.name,
      kind,
      ...(field.nullable ? { nullable: true as const } : {}),
      ...(related ? { relatedName: related.replace(/%\(class\)s/g, cls.name.toLowerCase()).replace(/%\(app_label\)s/g, cls.app.toLowerCase()) } : {}),
      ...at,
    };
    if (kind === 'many-to-many') {
      const throughNode = decl.args.keywords.get('through');
      relation.through = throughNode ? this.target(throughNode, decl, cls) : this.joinTable(decl, cls, target, line);
    } else {
      const column = decl.args.keywords.get('db_column');
      relation.columns = [(column && py.stringValue(column)) || `${decl.name}_id`];
    }
    this.model.relations.push(relation);
  }

  /** A ManyToManyField without `through` makes a table Django names `<table>_<field>`, with one FK per side. */
  private joinTable(decl: FieldDecl, cls: ClassDecl, target: string, line: number): string {
    const table = `${cls.meta.dbTable ?? `${cls.app}_${cls.name}`.toLowerCase()}_${decl.name}`;
    const key = `${cls.app}.${table}`;
    const targetName = (this.entities.get(target)?.name ?? target.split('.').pop() ?? target).toLowerCase();
    const own = cls.name.toLowerCase();
    const [from, to] = own === targetName ? [`from_${own}`, `to_${own}`] : [own, targetName];
    this.entities.set(key, {
      id: key,
      name: table,
      group: cls.app,
      file: decl.file.library ? cls.file.file : decl.file.file,
      line,
      implicit: true,
      source: 'django',
      fields: [
        { name: 'id', type: this.appAutoField.get(cls.app) ?? this.defaultAutoField, pk: true },
        { name: `${from}_id`, type: 'ForeignKey', fk: true },
        { name: `${to}_id`, type: 'ForeignKey', fk: true },
      ],
      indexes: [{ fields: [`${from}_id`, `${to}_id`], unique: true }],
    });
    return key;
  }

  /** Resolves a relation target to an entity key: a class, "Model", "app.Model", "self", the user model. */
  private target(node: PyNode, decl: FieldDecl, cls: ClassDecl): string | undefined {
    const { py } = decl.file;
    const text = py.stringValue(node);
    if (text !== undefined) {
      if (text === 'self') {
        return this.key(cls);
      }
      const dot = text.lastIndexOf('.');
      return dot === -1 ? this.named(text, cls, decl, node) : this.labelled(text.slice(0, dot), text.slice(dot + 1));
    }
    const dotted = node.name === 'CallExpression' && node.firstChild ? py.dottedName(node.firstChild) : py.dottedName(node);
    const last = dotted?.[dotted.length - 1];
    if (last === 'AUTH_USER_MODEL' || (node.name === 'CallExpression' && last === 'get_user_model')) {
      return this.userModel();
    }
    return node.name !== 'CallExpression' && last ? this.named(last, cls, decl, node) : undefined;
  }

  private userModel(): string {
    if (this.authUserModel) {
      const dot = this.authUserModel.lastIndexOf('.');
      return this.labelled(this.authUserModel.slice(0, dot), this.authUserModel.slice(dot + 1));
    }
    // No settings among the files read: a concrete custom user in the project is the one AUTH_USER_MODEL names.
    const custom = this.classes.filter((cls) => this.modelClasses.has(cls) && !cls.meta.abstract && cls.bases.some((base) => /^Abstract(Base)?User$/.test(base[base.length - 1])));
    return custom.length === 1 ? this.key(custom[0]) : this.labelled('auth', 'User');
  }

  private labelled(app: string, name: string): string {
    const models = (this.byName.get(name) ?? []).filter((cls) => this.modelClasses.has(cls));
    const found = models.find((cls) => cls.app === app) ?? models[0];
    return found ? this.key(found) : this.external(app, name);
  }

  private named(name: string, cls: ClassDecl, decl: FieldDecl, node: PyNode): string {
    const found = this.findClass(name, cls.app);
    if (found && this.modelClasses.has(found)) {
      return this.key(found);
    }
    const module = decl.file.imports.get(name);
    if (module) {
      // `from billing.models import Account as BillingAccount`: the model is billing's Account, whatever it is called here.
      const parts = module.split('.').filter((part) => part && part !== 'models');
      return this.external(parts[parts.length - 2] ?? 'external', parts[parts.length - 1]);
    }
    if (!decl.file.library) {
      this.model.problems.push({ file: decl.file.file, line: decl.file.line(node.from), message: `\`${cls.name}.${decl.name}\` points to \`${name}\`, which is not a model in the files read.` });
    }
    return this.external(cls.app, name);
  }

  private external(app: string, name: string): string {
    const key = `${app}.${name}`;
    if (!this.entities.has(key)) {
      this.entities.set(key, { id: key, name, group: app, file: '', line: 0, external: true, source: 'django', fields: [], indexes: [] });
    }
    return key;
  }

  private key(cls: ClassDecl): string {
    return `${cls.app}.${cls.name}`;
  }

  private entityFor(cls: ClassDecl): SchemaEntity {
    const key = this.key(cls);
    const entity: SchemaEntity = {
      id: key,
      name: cls.name,
      group: cls.app,
      file: cls.file.file,
      line: cls.line,
      ...(cls.meta.dbTable ? { table: cls.meta.dbTable } : {}),
      ...(cls.meta.abstract ? { abstract: true as const } : {}),
      source: 'django',
      fields: [],
      indexes: [],
    };
    this.entities.set(key, entity);
    return entity;
  }

  /** Ids are the class name, qualified with the app only where two apps use the same name. */
  private assignIds(): void {
    const all = [...this.entities.values()];
    const count = new Map<string, number>();
    all.forEach((entity) => count.set(entity.name, (count.get(entity.name) ?? 0) + 1));
    const ids = new Map(all.map((entity) => [entity.id, (count.get(entity.name) ?? 0) > 1 ? entity.id : entity.name]));
    const rename = (id: string): string => ids.get(id) ?? id;
    this.model.entities = all.map((entity) => ({ ...entity, id: rename(entity.id) }));
    this.model.relations = this.model.relations.map((relation) => ({ ...relation, from: rename(relation.from), to: rename(relation.to), ...(relation.through ? { through: rename(relation.through) } : {}) }));
  }
}

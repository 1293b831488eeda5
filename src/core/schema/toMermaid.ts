import type { RelationKind, SchemaEntity, SchemaField, SchemaModel, SchemaRelation } from './model';

export interface MermaidOptions {
  /** Many-to-many drawn as the join table it is stored in (physical) instead of one line (logical). */
  physical?: boolean;
  /** Draw only these entity ids (a filter, a search, a focus); relations to entities outside are dropped. */
  only?: ReadonlySet<string>;
  /** Without columns: entity names and relations only, for a schema too big to draw whole. */
  namesOnly?: boolean;
}

export interface MermaidDiagram {
  source: string;
  /** Entity id → the name mermaid knows it by (what its SVG node id is built from). */
  nodes: Map<string, string>;
}

// mermaid's erDiagram lexer takes a word of these characters as a type or attribute name; anything else
// (a space in `timestamp with time zone`, the space in `numeric(10, 2)`, quotes, `?`) breaks the line.
const WORD = /[^A-Za-z0-9_\-[\]().,*\u00C0-\uFFFF]+/g;

/** A type or column name as mermaid accepts it; the real text stays in the model for the side panel. */
export function mermaidWord(text: string): string {
  const word = text
    .replace(/\s*([(),])\s*/g, '$1')
    .replace(WORD, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Za-z_*\u00C0-\uFFFF]/.test(word) ? word : `_${word}`;
}

/** Text inside a quoted label: one line (a newline would start a new mermaid statement), no double quotes. */
function quoted(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach mermaid
  return `"${text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/"/g, "'")}"`;
}

const CARDINALITY: Record<RelationKind, (nullable: boolean) => string> = {
  // Read left to right from the referencing side: many rows point at one row (or none when the FK is nullable).
  'many-to-one': (nullable) => `}o--${nullable ? 'o|' : '||'}`,
  'one-to-one': (nullable) => `|o--${nullable ? 'o|' : '||'}`,
  'many-to-many': () => '}o--o{',
};

/** Whether the entity is drawn at all: abstract bases are folded into their children, join tables only when physical. */
export function isDrawn(entity: SchemaEntity, options: MermaidOptions = {}): boolean {
  if (entity.abstract || (entity.implicit && !options.physical)) {
    return false;
  }
  return !options.only || options.only.has(entity.id);
}

/** The model as a mermaid `erDiagram`, with PK / FK / UK markers and crow's-foot cardinalities. */
export function toMermaid(model: SchemaModel, options: MermaidOptions = {}): MermaidDiagram {
  const nodes = new Map<string, string>();
  const used = new Set<string>();
  const byId = new Map(model.entities.map((entity) => [entity.id, entity]));
  const nodeName = (id: string): string => {
    let name = nodes.get(id);
    if (name === undefined) {
      const base = id.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(?=\d)/, '_') || '_';
      name = base;
      for (let n = 2; used.has(name.toLowerCase()); n++) {
        name = `${base}_${n}`;
      }
      used.add(name.toLowerCase());
      nodes.set(id, name);
    }
    return name;
  };
  const drawn = model.entities.filter((entity) => isDrawn(entity, options));
  const drawnIds = new Set(drawn.map((entity) => entity.id));
  const lines = ['erDiagram'];
  for (const entity of drawn) {
    const name = nodeName(entity.id);
    const label = entity.table && entity.table !== entity.name ? `${entity.name} (${entity.table})` : entity.name;
    const head = label === name ? name : `${name}[${quoted(label)}]`;
    const columns = options.namesOnly ? [] : entity.fields.filter((field) => !field.virtual);
    if (columns.length === 0) {
      lines.push(`  ${head}`);
      continue;
    }
    lines.push(`  ${head} {`);
    for (const field of columns) {
      lines.push(`    ${attribute(field)}`);
    }
    lines.push('  }');
  }
  for (const relation of model.relations) {
    lines.push(...relationLines(relation, byId, drawnIds, options, nodeName));
  }
  return { source: lines.join('\n'), nodes };
}

function attribute(field: SchemaField): string {
  const keys = [field.pk && 'PK', field.fk && 'FK', field.unique && !field.pk && 'UK'].filter(Boolean);
  return [mermaidWord(field.type || 'unknown'), mermaidWord(field.name), keys.join(', ')].filter(Boolean).join(' ');
}

function relationLines(
  relation: SchemaRelation,
  byId: Map<string, SchemaEntity>,
  drawnIds: Set<string>,
  options: MermaidOptions,
  nodeName: (id: string) => string,
): string[] {
  const ends = (from: string, to: string): boolean => (drawnIds.has(from) || byId.get(from)?.external === true) && (drawnIds.has(to) || byId.get(to)?.external === true) && (drawnIds.has(from) || drawnIds.has(to));
  const label = quoted(relation.field);
  if (relation.kind === 'many-to-many' && options.physical && relation.through) {
    const through = byId.get(relation.through);
    // An explicit through model draws its own two foreign keys; an implicit join table gets them here.
    if (!through?.implicit) {
      return [];
    }
    return [relation.from, relation.to]
      .filter((end) => ends(end, relation.through as string))
      .map((end) => `  ${nodeName(end)} ||--o{ ${nodeName(relation.through as string)} : ${label}`);
  }
  if (!ends(relation.from, relation.to)) {
    return [];
  }
  return [`  ${nodeName(relation.from)} ${CARDINALITY[relation.kind](relation.nullable === true)} ${nodeName(relation.to)} : ${label}`];
}

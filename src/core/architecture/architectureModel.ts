import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Problem } from '../model';

/** The reference system as data: zones of components, the connections between them, and request flows. */
export interface Zone {
  id: string;
  title: string;
  /** The column of the map the zone sits in, from 1; zones sharing a column stack top to bottom in file order. */
  column: number;
}

/** What a part is, which picks its icon on the map. */
export const COMPONENT_KINDS = ['client', 'proxy', 'app', 'database', 'cache', 'broker', 'worker', 'ci', 'storage', 'dev'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export interface Component {
  id: string;
  label: string;
  kind: ComponentKind;
  zone: string;
  /** The topic whose note the component opens. */
  topic: string;
  /** One line on what it does, shown on hover. */
  role: string;
}

export interface Connection {
  from: string;
  to: string;
  label: string;
}

export interface FlowStep {
  from: string;
  to: string;
  label: string;
}

export interface Flow {
  id: string;
  title: string;
  steps: FlowStep[];
}

export interface Architecture {
  zones: Zone[];
  components: Component[];
  connections: Connection[];
  flows: Flow[];
}

type Entry = Record<string, unknown>;

/**
 * Reads and checks `architecture.yaml`. Like topics, it never throws: each bad entry becomes a problem with
 * its line and is left out, so one typo never blanks the whole diagram.
 */
export function readArchitecture(file: string, text: string, topicIds: ReadonlySet<string>): { architecture: Architecture; problems: Problem[] } {
  const problems: Problem[] = [];
  const architecture: Architecture = { zones: [], components: [], connections: [], flows: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problem = (line: number, message: string): void => {
    problems.push({ file, line, message, severity: 'error', source: 'bundled' });
  };
  if (doc.errors.length > 0) {
    doc.errors.forEach((error) => problem(lineCounter.linePos(error.pos[0]).line, `Not valid YAML: ${error.message.split('\n')[0]}`));
    return { architecture, problems };
  }
  if (!isMap(doc.contents)) {
    problem(1, 'The architecture must be a mapping with `zones`, `components`, `connections` and `flows`.');
    return { architecture, problems };
  }
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const entries = (key: string): Array<{ entry: Entry; line: number }> => {
    const list = doc.get(key, true) as Node | undefined;
    if (list === undefined) {
      problem(1, `Missing \`${key}:\` list.`);
      return [];
    }
    if (!isSeq(list)) {
      problem(lineOf(list), `\`${key}\` must be a list.`);
      return [];
    }
    return list.items.map((item) => ({ entry: (isMap(item) ? item.toJSON() : {}) as Entry, line: lineOf(item as Node) }));
  };
  const text_ = (entry: Entry, key: string): string | undefined => (typeof entry[key] === 'string' && (entry[key] as string).trim() !== '' ? (entry[key] as string) : undefined);
  const need = (entry: Entry, line: number, what: string, keys: string[]): Record<string, string> | undefined => {
    const missing = keys.filter((key) => text_(entry, key) === undefined);
    if (missing.length > 0) {
      problem(line, `This ${what} needs ${missing.map((key) => `\`${key}\``).join(', ')} (text).`);
      return undefined;
    }
    return Object.fromEntries(keys.map((key) => [key, text_(entry, key) as string]));
  };

  for (const [index, { entry, line }] of entries('zones').entries()) {
    const zone = need(entry, line, 'zone', ['id', 'title']);
    const column = entry.column ?? index + 1;
    if (zone && !(Number.isInteger(column) && (column as number) >= 1 && (column as number) <= 12)) {
      problem(line, `Zone \`${zone.id}\`: \`column\` must be a whole number from 1 to 12 (got ${JSON.stringify(column)}).`);
    } else if (zone) {
      architecture.zones.push({ id: zone.id, title: zone.title, column: column as number });
    }
  }
  const zoneIds = new Set(architecture.zones.map((zone) => zone.id));
  const componentIds = new Set<string>();
  for (const { entry, line } of entries('components')) {
    const c = need(entry, line, 'component', ['id', 'label', 'kind', 'zone', 'topic', 'role']);
    if (!c) {
      continue;
    }
    if (componentIds.has(c.id)) {
      problem(line, `Duplicate component id \`${c.id}\`.`);
    } else if (!(COMPONENT_KINDS as readonly string[]).includes(c.kind)) {
      problem(line, `Component \`${c.id}\`: \`kind\` must be one of ${COMPONENT_KINDS.join(', ')} (got "${c.kind}").`);
    } else if (!zoneIds.has(c.zone)) {
      problem(line, `Component \`${c.id}\` is in zone \`${c.zone}\`, which is not among the zones.`);
    } else if (!topicIds.has(c.topic)) {
      problem(line, `Component \`${c.id}\` opens topic \`${c.topic}\`, which is no topic id.`);
    } else {
      componentIds.add(c.id);
      architecture.components.push({ id: c.id, label: c.label, kind: c.kind as ComponentKind, zone: c.zone, topic: c.topic, role: c.role });
    }
  }
  const knownEnds = (ends: { from: string; to: string }, line: number, what: string): boolean => {
    const unknown = [ends.from, ends.to].filter((id) => !componentIds.has(id));
    if (unknown.length > 0) {
      problem(line, `This ${what} names ${unknown.map((id) => `\`${id}\``).join(' and ')}, which is no component.`);
    }
    return unknown.length === 0;
  };
  for (const { entry, line } of entries('connections')) {
    const c = need(entry, line, 'connection', ['from', 'to', 'label']);
    if (c && knownEnds(c as { from: string; to: string }, line, 'connection')) {
      architecture.connections.push({ from: c.from, to: c.to, label: c.label });
    }
  }
  for (const { entry, line } of entries('flows')) {
    const f = need(entry, line, 'flow', ['id', 'title']);
    if (!f) {
      continue;
    }
    const rawSteps = Array.isArray(entry.steps) ? (entry.steps as unknown[]) : [];
    if (rawSteps.length === 0) {
      problem(line, `Flow \`${f.id}\` needs a list of \`steps\` ({ from, to, label }).`);
      continue;
    }
    const steps: FlowStep[] = [];
    for (const raw of rawSteps) {
      const step = need((raw ?? {}) as Entry, line, `step of flow \`${f.id}\``, ['from', 'to', 'label']);
      if (step && knownEnds(step as { from: string; to: string }, line, `step of flow \`${f.id}\``)) {
        steps.push({ from: step.from, to: step.to, label: step.label });
      }
    }
    architecture.flows.push({ id: f.id, title: f.title, steps });
  }
  return { architecture, problems };
}

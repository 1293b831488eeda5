import type { SchemaHint } from '../src/core/schema/hints';
import { sourceHash } from '../src/core/markdown/sourceHash';
import type { SchemaEntity, SchemaModel } from '../src/core/schema/model';
import { isDrawn, toMermaid } from '../src/core/schema/toMermaid';
import type { SchemaMessage, SchemaPanelState } from '../src/protocol';
import { Diagrams } from './diagrams';
import { onThemeChange } from './theme';
import { connect } from './vscodeApi';
import { onActivate } from './activation';

/** The learner's choices, kept in the webview state so a reload or a redraw keeps them. */
interface View extends SchemaPanelState {
  group: string;
  search: string;
  physical: boolean;
  focus: string;
  selected: string;
}

const TOPIC_TITLES: Record<SchemaHint['topic'], string> = {
  relationships: 'Relationships',
  'indexing-query-optimization': 'Indexing and query optimization',
  'orm-n-plus-one': 'The ORM and N+1 queries',
};

const root = document.getElementById('nexus-root') as HTMLElement;
const MAX_DIAGRAM_TEXT = 45_000;
let current: SchemaMessage | undefined;
let nodes = new Map<string, string>();
let drawnSource = '';
const api = connect<View>((message) => {
  if (message.type === 'schema') {
    current = message;
    view.scope = message.scope;
    save();
    build();
  }
});
const post = api.postMessage.bind(api);
const view: View = { scope: '', group: '', search: '', physical: false, focus: '', selected: '', ...api.getState() };
const diagrams = new Diagrams(post, () => `schema-${current?.title ?? 'diagram'}`.replace(/[^\w.-]+/g, '-'), (element) => wire(element));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function button(label: string, action: () => void, title = label): HTMLButtonElement {
  const b = el('button', 'nexus-button', label);
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', action);
  return b;
}

function save(): void {
  api.setState(view);
}

function entityById(id: string): SchemaEntity | undefined {
  return current?.model.entities.find((entity) => entity.id === id);
}

/** The entities the filters leave: app, search (names and fields), and the focused entity with its neighbours. */
function visible(model: SchemaModel): Set<string> {
  const query = view.search.trim().toLowerCase();
  let ids = model.entities.filter((e) => (!view.group || e.group === view.group) && (!query || e.name.toLowerCase().includes(query) || e.fields.some((f) => f.name.toLowerCase().includes(query))));
  if (view.focus) {
    const near = new Set([view.focus]);
    for (const r of model.relations) {
      if (r.from === view.focus || r.to === view.focus) {
        [r.from, r.to, r.through].forEach((id) => id && near.add(id));
      }
    }
    ids = model.entities.filter((e) => near.has(e.id));
  }
  return new Set(ids.map((e) => e.id));
}

/** The whole page, from the model and the view, with DOM calls only: every text goes in as text. */
function build(): void {
  if (!current) {
    return;
  }
  const { model, title } = current;
  if (view.focus && !entityById(view.focus)) {
    view.focus = '';
  }
  // The drawn diagram moves into the new page: it stays in view while a changed one draws, and when what it shows
  // did not change (a keystroke in a method body), it is not drawn again at all.
  const drawnBefore = root.querySelector<HTMLElement>('.nexus-schema-slot[data-state="rendered"]');
  root.replaceChildren();
  const page = el('div', 'nexus-schema');
  const header = el('header', 'nexus-schema-header');
  const drawn = model.entities.filter((e) => isDrawn(e));
  header.append(el('h1', '', `Schema: ${title}`), el('span', 'nexus-schema-count', `${drawn.length} ${drawn.length === 1 ? 'entity' : 'entities'}, ${model.relations.length} relations`));
  const tooBig = el('p', 'nexus-arch-hint nexus-schema-too-big', 'Too big to draw with columns: entities and relations only. Pick an app, search, or focus on an entity to see its columns.');
  tooBig.hidden = true;
  page.append(header, controls(model), problems(model), tooBig);
  const main = el('div', 'nexus-schema-main');
  const diagram = el('section', 'nexus-schema-diagram');
  diagram.setAttribute('aria-label', 'ER diagram');
  const side = el('aside', 'nexus-schema-side');
  side.setAttribute('aria-live', 'polite');
  main.append(diagram, side);
  page.append(main, el('div', 'nexus-arch-tooltip nexus-schema-tooltip'));
  root.append(page);
  if (drawnBefore) {
    diagram.append(drawnBefore);
  }
  // What is on screen now: a diagram still drawing when this message came was dropped with the old page.
  drawnSource = drawnBefore?.querySelector('.nexus-diagram-source')?.textContent ?? '';
  draw();
  showSide();
}

function controls(model: SchemaModel): HTMLElement {
  const bar = el('div', 'nexus-schema-controls');
  const search = el('input', 'nexus-schema-search');
  search.type = 'search';
  search.placeholder = 'Search entities and fields';
  search.setAttribute('aria-label', 'Search entities and fields');
  search.value = view.search;
  search.addEventListener('input', () => {
    view.search = search.value;
    save();
    draw();
  });
  const groups = [...new Set(model.entities.filter((e) => !e.external && !e.implicit).map((e) => e.group))].sort();
  const select = el('select', 'nexus-schema-group');
  select.setAttribute('aria-label', 'Filter by app or schema');
  select.append(new Option('All apps', ''), ...groups.map((group) => new Option(group, group)));
  select.value = groups.includes(view.group) ? view.group : '';
  select.addEventListener('change', () => {
    view.group = select.value;
    save();
    draw();
  });
  const physicalLabel = el('label', 'nexus-schema-toggle');
  const physical = el('input');
  physical.type = 'checkbox';
  physical.checked = view.physical;
  physical.addEventListener('change', () => {
    view.physical = physical.checked;
    save();
    draw();
  });
  physicalLabel.append(physical, document.createTextNode(' Join tables'));
  physicalLabel.title = 'Draw many-to-many relations as the join table they are stored in';
  bar.append(search, select, physicalLabel);
  if (view.focus) {
    bar.append(button(`Show all (focused on ${entityById(view.focus)?.name ?? view.focus})`, () => setFocus('')));
  }
  return bar;
}

function problems(model: SchemaModel): HTMLElement {
  const box = el('div', 'nexus-schema-problems');
  const location = (item: { file: string; line: number; message: string }): HTMLElement => {
    const li = el('li');
    const link = el('a', '', `${item.file}:${item.line}`);
    link.href = '#';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      post({ type: 'openLocation', file: item.file, line: item.line });
    });
    li.append(link, document.createTextNode(` ${item.message}`));
    return li;
  };
  if (model.problems.length > 0) {
    const list = el('ul', 'nexus-arch-problems');
    list.setAttribute('role', 'alert');
    model.problems.forEach((problem) => list.append(location(problem)));
    box.append(list);
  }
  if (model.skipped.length > 0) {
    const details = el('details', 'nexus-schema-skipped');
    details.append(el('summary', '', `${model.skipped.length} skipped (code the parser does not run)`));
    const list = el('ul');
    model.skipped.forEach((skip) => list.append(location(skip)));
    details.append(list);
    box.append(details);
  }
  if (model.entities.length === 0 && model.problems.length === 0) {
    box.append(el('p', 'nexus-arch-hint', 'No models found. Nexus reads Django models.py and models/ packages, PostgreSQL .sql files, schema.prisma and drizzle-orm schema files.'));
  }
  return box;
}

/** Redraws the diagram when what it would show changed; the old one stays until the new one is in place. */
function draw(): void {
  const diagram = root.querySelector<HTMLElement>('.nexus-schema-diagram');
  if (!current || !diagram) {
    return;
  }
  const only = visible(current.model);
  let result = toMermaid(current.model, { physical: view.physical, only });
  // mermaid refuses diagrams over 50,000 characters: a big project is drawn as names and relations until filtered.
  const tooBig = result.source.length > MAX_DIAGRAM_TEXT;
  if (tooBig) {
    result = toMermaid(current.model, { physical: view.physical, only, namesOnly: true });
  }
  root.querySelector('.nexus-schema-too-big')?.toggleAttribute('hidden', !tooBig);
  if (result.source === drawnSource) {
    return;
  }
  drawnSource = result.source;
  nodes = result.nodes;
  diagram.querySelectorAll('.nexus-schema-slot:not([data-state="rendered"])').forEach((slot) => slot.remove());
  if (!current.model.entities.some((e) => isDrawn(e, { physical: view.physical, only }))) {
    diagram.querySelectorAll('.nexus-schema-slot').forEach((slot) => slot.remove());
    diagram.append(el('p', 'nexus-arch-hint nexus-schema-slot', 'Nothing matches the filters.'));
    return;
  }
  const slot = el('div', 'nexus-schema-slot');
  const box = el('div', 'nexus-diagram');
  box.dataset.diagram = sourceHash(result.source);
  box.dataset.kind = 'erDiagram';
  box.dataset.line = '0';
  box.append(el('pre', 'nexus-diagram-source', result.source));
  slot.append(box);
  diagram.prepend(slot);
  diagrams.attach(slot);
}

/** Once drawn: entities become buttons (click opens the definition, hover lists fields), plus Copy Mermaid. */
function wire(element: HTMLElement): void {
  const slot = element.closest('.nexus-schema-slot');
  slot?.setAttribute('data-state', 'rendered');
  root.querySelectorAll('.nexus-schema-slot').forEach((other) => other !== slot && other.remove());
  const toolbar = element.querySelector('.nexus-diagram-toolbar');
  if (toolbar && !toolbar.querySelector('.nexus-copy-mermaid')) {
    const copy = button('Copy Mermaid', () => post({ type: 'copyText', text: element.querySelector('.nexus-diagram-source')?.textContent ?? '', what: 'the diagram as Mermaid' }), 'Copy Mermaid (GitHub renders it in a README)');
    copy.classList.add('nexus-copy-mermaid');
    toolbar.append(copy);
  }
  const tooltip = root.querySelector<HTMLElement>('.nexus-schema-tooltip');
  for (const [id, name] of nodes) {
    const entity = entityById(id);
    const node = element.querySelector<SVGGElement>(`g.node[id*="entity-${name}-"]`);
    if (!entity || !node) {
      continue;
    }
    node.dataset.entity = entity.id;
    node.classList.toggle('nexus-selected', entity.id === view.selected);
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.setAttribute('aria-label', `${entity.name}: ${entity.fields.length} fields. ${entity.file ? 'Opens its definition.' : 'Defined outside the files read.'}`);
    const open = (): void => {
      select(entity.id);
      if (entity.file) {
        post({ type: 'openLocation', file: entity.file, line: entity.line });
      }
    };
    onActivate(node, open);
    const show = (): void => {
      if (!tooltip) {
        return;
      }
      tooltip.replaceChildren(el('strong', '', entity.table ? `${entity.name} (${entity.table})` : entity.name));
      entity.fields.slice(0, 30).forEach((field) => tooltip.append(el('span', '', `${field.name}: ${field.type}${flags(field).length ? ` — ${flags(field).join(', ')}` : ''}`)));
      if (entity.fields.length > 30) {
        tooltip.append(el('span', '', `…and ${entity.fields.length - 30} more`));
      }
      tooltip.append(el('em', '', entity.file ? `${entity.file}:${entity.line}` : 'defined outside the files read'));
      tooltip.classList.add('nexus-visible');
      // Beside the entity, kept inside the panel (near its right edge it would be cut off).
      const box = node.getBoundingClientRect();
      const left = Math.max(4, Math.min(box.left, document.documentElement.clientWidth - tooltip.offsetWidth - 8));
      tooltip.style.left = `${Math.round(left + window.scrollX)}px`;
      tooltip.style.top = `${Math.round(box.bottom + window.scrollY + 6)}px`;
    };
    const hide = (): void => tooltip?.classList.remove('nexus-visible');
    node.addEventListener('mouseenter', show);
    node.addEventListener('focus', show);
    node.addEventListener('mouseleave', hide);
    node.addEventListener('blur', hide);
  }
  readableSize(element);
}

/**
 * A big schema fitted to the panel's width draws its text too small to read: below 70% of its natural size it is
 * drawn at 70% instead, and the learner pans (drag) or zooms out (−) to see the rest.
 */
function readableSize(element: HTMLElement): void {
  const svg = element.querySelector<SVGSVGElement>('.nexus-diagram-canvas svg');
  const viewport = element.querySelector<HTMLElement>('.nexus-diagram-viewport');
  const natural = svg?.viewBox.baseVal.width ?? 0;
  if (svg && viewport && natural * 0.7 > viewport.clientWidth) {
    svg.style.maxWidth = 'none';
    svg.style.width = `${Math.round(natural * 0.7)}px`;
    element.classList.add('nexus-schema-large');
    if (!element.querySelector('.nexus-schema-pan-hint')) {
      element.querySelector('.nexus-diagram-toolbar')?.before(el('p', 'nexus-arch-hint nexus-schema-pan-hint', 'Drawn at a readable size: drag to pan, − to zoom out.'));
    }
    // Start where there is something to read: the selected entity, or the first one, at the top left.
    const first = element.querySelector(`g.node[data-entity="${CSS.escape(view.selected)}"]`) ?? element.querySelector('g.node[data-entity]');
    if (first) {
      const at = first.getBoundingClientRect();
      const box = viewport.getBoundingClientRect();
      viewport.scrollLeft += at.left - box.left - 16;
      viewport.scrollTop += at.top - box.top - 16;
    }
  }
}

function flags(field: SchemaEntity['fields'][number]): string[] {
  return [field.pk && 'PK', field.fk && 'FK', field.unique && !field.pk && 'unique', field.nullable && 'null', field.virtual && 'no column'].filter((flag): flag is string => typeof flag === 'string');
}

function select(id: string): void {
  view.selected = id;
  save();
  root.querySelectorAll<SVGGElement>('g.node[data-entity]').forEach((node) => node.classList.toggle('nexus-selected', node.dataset.entity === id));
  showSide();
}

function setFocus(id: string): void {
  view.focus = id;
  if (id) {
    view.selected = id;
  }
  save();
  build();
  // The button sits below the diagram; the redrawn diagram is what the learner wants to see (and it draws when in view).
  window.scrollTo(0, 0);
}

function topicLink(hint: SchemaHint): HTMLElement {
  const link = el('a', 'nexus-schema-topic', TOPIC_TITLES[hint.topic]);
  link.href = '#';
  link.dataset.topic = hint.topic;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    post({ type: 'openTopic', topicId: hint.topic });
  });
  return link;
}

/** The side panel: the selected entity with its real types and what it teaches, or the whole schema's flags. */
function showSide(): void {
  const side = root.querySelector<HTMLElement>('.nexus-schema-side');
  if (!side || !current) {
    return;
  }
  side.replaceChildren();
  const entity = entityById(view.selected);
  const hints = current.hints.filter((hint) => (entity ? hint.entity === entity.id : hint.kind === 'missing-index'));
  if (!entity) {
    side.append(el('h2', '', 'Entities'), el('p', 'nexus-arch-hint', 'Click an entity in the diagram (or here) to see its fields, indexes and what it teaches; hover for its fields.'));
    const list = el('ul', 'nexus-schema-entities');
    for (const e of current.model.entities.filter((x) => isDrawn(x))) {
      const li = el('li');
      const link = el('a', '', e.name);
      link.href = '#';
      link.addEventListener('click', (event) => {
        event.preventDefault();
        select(e.id);
      });
      li.append(link, el('span', 'nexus-schema-muted', ` ${e.group}`));
      list.append(li);
    }
    side.append(list);
  } else {
    const heading = el('h2', '', entity.table ? `${entity.name} (${entity.table})` : entity.name);
    const actions = el('div', 'nexus-schema-actions');
    if (entity.file) {
      actions.append(button('Open definition', () => post({ type: 'openLocation', file: entity.file, line: entity.line })));
    }
    actions.append(button('Focus', () => setFocus(entity.id), `Show ${entity.name} and its neighbours only`), button('Close', () => select('')));
    side.append(heading, el('p', 'nexus-schema-muted', entity.file ? `${entity.group} · ${entity.file}:${entity.line}${entity.abstract ? ' · abstract' : ''}` : `${entity.group} · defined outside the files read`), actions);
    const table = el('table', 'nexus-schema-fields');
    const head = el('tr');
    ['Field', 'Type', ''].forEach((label) => head.append(el('th', '', label)));
    table.append(head);
    for (const field of entity.fields) {
      const row = el('tr');
      const type = el('td', '', field.type);
      if (field.detail) {
        type.title = field.detail;
      }
      row.append(el('td', '', field.name), type, el('td', 'nexus-schema-muted', flags(field).join(', ')));
      table.append(row);
    }
    side.append(table);
    if (entity.indexes.length > 0) {
      side.append(el('h3', '', 'Indexes and constraints'));
      const list = el('ul');
      entity.indexes.forEach((index) => list.append(el('li', '', `${index.check ? `CHECK ${index.check}` : `${index.unique ? 'UNIQUE ' : ''}(${index.fields.join(', ')})`}${index.name ? ` ${index.name}` : ''}`)));
      side.append(list);
    }
  }
  if (hints.length > 0) {
    side.append(el('h3', '', entity ? 'What it teaches' : 'Foreign keys without an index'));
    const list = el('ul', 'nexus-schema-hints');
    for (const hint of hints) {
      const li = el('li', `nexus-schema-hint-${hint.kind}`);
      li.append(el('span', '', `${hint.text} `), topicLink(hint));
      list.append(li);
    }
    side.append(list);
  }
}

onThemeChange(() => {
  const diagram = root.querySelector<HTMLElement>('.nexus-schema-diagram');
  if (diagram) {
    diagrams.rerenderAll(diagram);
  }
});
post({ type: 'ready' });

import type { ArchitectureComponent, ArchitectureFlow, ArchitectureMessage, ArchitectureState } from '../src/protocol';
import { Diagrams } from './diagrams';
import { onThemeChange } from './theme';
import { connect } from './vscodeApi';
import { onActivate } from './activation';

const STEP_DELAY_MS = 450;
const root = document.getElementById('nexus-root') as HTMLElement;
let model: ArchitectureMessage | undefined;
let playing: ReturnType<typeof setTimeout>[] = [];

const api = connect<ArchitectureState>((message) => {
  if (message.type === 'architecture') {
    model = message;
    build(message);
  }
});
const post = api.postMessage.bind(api);
// The map is core's own SVG (its text escaped there), so it is drawn as is, without loading mermaid.
const system = new Diagrams(post, () => 'architecture', (element) => wire(element), (svg) => Promise.resolve(svg));
const sequence = new Diagrams(post, () => `flow-${selectedFlow()?.id ?? 'none'}`);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function placeholder(source: string, hash: string, kind: string): HTMLElement {
  const box = el('div', 'nexus-diagram');
  box.dataset.diagram = hash;
  box.dataset.kind = kind;
  box.dataset.line = '0';
  box.append(el('pre', 'nexus-diagram-source', source));
  return box;
}

/** Builds the page from the model with DOM calls only: every text goes in as text, never as markup. */
function build(message: ArchitectureMessage): void {
  root.replaceChildren();
  const header = el('header', 'nexus-arch-header');
  header.append(el('h1', '', 'Backend architecture'));
  const label = el('label', 'nexus-arch-flow-picker', 'Request flow ');
  const select = el('select', '');
  select.id = 'nexus-flow';
  select.append(new Option('Choose a flow to play…', ''));
  for (const flow of message.flows) {
    select.append(new Option(flow.title, flow.id));
  }
  select.value = message.flowId ?? '';
  select.addEventListener('change', () => {
    post({ type: 'flowChosen', flowId: select.value });
    api.setState({ flowId: select.value });
    showFlow();
  });
  label.append(select);
  const replay = el('button', 'nexus-button', 'Replay');
  replay.type = 'button';
  replay.addEventListener('click', () => showFlow());
  header.append(label, replay);
  root.append(header);
  if (message.problems.length > 0) {
    const problems = el('ul', 'nexus-arch-problems');
    problems.setAttribute('role', 'alert');
    message.problems.forEach((problem) => problems.append(el('li', '', problem)));
    root.append(problems);
  }
  root.append(el('p', 'nexus-arch-hint', 'Click a part to open its note. Hover for its role. Tab moves between parts; Enter opens.'));
  const main = el('div', 'nexus-arch-main');
  const diagram = el('section', 'nexus-arch-diagram');
  diagram.append(placeholder(message.diagram, message.diagramHash, 'Architecture map'));
  const aside = el('aside', 'nexus-arch-flow');
  aside.setAttribute('aria-live', 'polite');
  main.append(diagram, aside);
  root.append(main, el('div', 'nexus-arch-tooltip'));
  system.attach(diagram);
  showFlow();
}

function selectedFlow(): ArchitectureFlow | undefined {
  const id = (document.getElementById('nexus-flow') as HTMLSelectElement | null)?.value;
  return model?.flows.find((flow) => flow.id === id);
}

function componentFor(part: SVGGElement): ArchitectureComponent | undefined {
  return model?.components.find((component) => component.id === part.dataset.component);
}

/** Makes each drawn component a button: click or Enter opens its note, hover or focus shows its role. */
/**
 * The part whose note the learner opened last: when that note opens beside the map and the panel narrows, the map
 * (kept at its readable size) pans so the part is still in view.
 */
let shownPart: string | undefined;
const resized = new ResizeObserver(() => revealShownPart());

function revealShownPart(): void {
  const element = root.querySelector<HTMLElement>('.nexus-arch-diagram .nexus-diagram');
  const part = shownPart && element?.querySelector(`g.nexus-part[data-node="${shownPart}"]`);
  if (element && part) {
    system.reveal(element, part);
  }
}

function wire(element: HTMLElement): void {
  resized.disconnect();
  const viewport = element.querySelector('.nexus-diagram-viewport');
  if (viewport) {
    resized.observe(viewport);
  }
  const tooltip = root.querySelector<HTMLElement>('.nexus-arch-tooltip');
  // A map wider than the panel (beside a note) keeps its text size and overflows to the right, where panning reaches.
  element.querySelector<HTMLElement>('.nexus-diagram-canvas')?.style.setProperty('justify-content', 'safe center');
  for (const node of element.querySelectorAll<SVGGElement>('g.nexus-part')) {
    const component = componentFor(node);
    if (!component) {
      continue;
    }
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.setAttribute('aria-label', `${component.label}: ${component.role} Opens “${component.topicTitle}”.`);
    const open = (): void => {
      shownPart = component.node;
      post({ type: 'openTopic', topicId: component.topic });
    };
    onActivate(node, open);
    const show = (): void => {
      if (!tooltip) {
        return;
      }
      tooltip.replaceChildren(el('strong', '', component.label), el('span', '', component.role), el('em', '', `Opens “${component.topicTitle}”`));
      const box = node.getBoundingClientRect();
      tooltip.style.left = `${Math.round(box.left + window.scrollX)}px`;
      tooltip.style.top = `${Math.round(box.bottom + window.scrollY + 6)}px`;
      tooltip.classList.add('nexus-visible');
    };
    const hide = (): void => tooltip?.classList.remove('nexus-visible');
    node.addEventListener('mouseenter', show);
    node.addEventListener('focus', show);
    node.addEventListener('mouseleave', hide);
    node.addEventListener('blur', hide);
  }
  highlight(selectedFlow(), Number.MAX_SAFE_INTEGER);
}

/** Lights the flow's parts up to step `upTo` (inclusive), and marks that step in the list. */
function highlight(flow: ArchitectureFlow | undefined, upTo: number): void {
  const svg = root.querySelector('.nexus-arch-diagram svg.nexus-map');
  svg?.querySelectorAll('.nexus-lit').forEach((part) => part.classList.remove('nexus-lit'));
  svg?.classList.toggle('nexus-dimmed', flow !== undefined);
  flow?.steps.slice(0, upTo + 1).forEach((step) => {
    for (const node of [step.from, step.to]) {
      svg?.querySelector(`g.nexus-part[data-node="${node}"]`)?.classList.add('nexus-lit');
    }
    if (step.edge) {
      svg?.querySelector(`g.nexus-link[data-edge="${step.edge.from}>${step.edge.to}"]`)?.classList.add('nexus-lit');
    }
  });
  root.querySelectorAll('.nexus-arch-steps li').forEach((item, index) => {
    item.classList.toggle('nexus-current', index === upTo);
    item.classList.toggle('nexus-done', index < upTo || upTo === Number.MAX_SAFE_INTEGER);
  });
}

/** Shows the chosen flow's steps and sequence diagram, and plays its path on the system diagram in order. */
function showFlow(): void {
  playing.forEach(clearTimeout);
  playing = [];
  const aside = root.querySelector('.nexus-arch-flow');
  if (!aside) {
    return;
  }
  aside.replaceChildren();
  const flow = selectedFlow();
  if (!flow) {
    aside.append(el('p', 'nexus-arch-hint', 'Choose a request flow above to see its path, step by step, with its sequence diagram.'));
    highlight(undefined, 0);
    return;
  }
  aside.append(el('h2', '', flow.title));
  const steps = el('ol', 'nexus-arch-steps');
  flow.steps.forEach((step) => steps.append(el('li', '', step.label)));
  aside.append(steps, placeholder(flow.sequence, flow.sequenceHash, 'sequenceDiagram'));
  sequence.attach(aside);
  flow.steps.forEach((_, index) => playing.push(setTimeout(() => highlight(flow, index), index * STEP_DELAY_MS)));
  playing.push(setTimeout(() => highlight(flow, Number.MAX_SAFE_INTEGER), flow.steps.length * STEP_DELAY_MS));
}

onThemeChange(() => {
  system.rerenderAll(root.querySelector('.nexus-arch-diagram') ?? root);
  sequence.rerenderAll(root.querySelector('.nexus-arch-flow') ?? root);
});
post({ type: 'ready' });

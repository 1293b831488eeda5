import type { ReviewMessage, ReviewPanelState, ReviewStatsMessage } from '../src/protocol';
import { Diagrams } from './diagrams';
import { onThemeChange } from './theme';
import { connect } from './vscodeApi';

const GRADE_NAMES = ['Again', 'Hard', 'Good', 'Easy'] as const;
const root = document.getElementById('nexus-root') as HTMLElement;
let current: ReviewMessage | undefined;
let answerShown = false;

const api = connect<ReviewPanelState>((message) => {
  if (message.type === 'review') {
    showReview(message);
  } else if (message.type === 'reviewStats') {
    showStats(message);
  }
});
const diagrams = new Diagrams((message) => api.postMessage(message), () => current?.card?.topicId ?? 'review');

/** Builds an element; children are nodes or text (text is never parsed as HTML). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    element.setAttribute(key, value);
  }
  element.append(...children);
  return element;
}

function button(label: string, action: () => void, props: Record<string, string> = {}, ...extra: Array<Node | string>): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'nexus-button', ...props }, label, ...extra);
  b.addEventListener('click', action);
  return b;
}

/** A polite announcement for screen readers (the region exists once, so each new text is read). */
function announce(text: string): void {
  const region = document.getElementById('review-announce');
  if (region) {
    region.textContent = '';
    // A separate task, so the same text twice in a row is still announced.
    setTimeout(() => (region.textContent = text), 50);
  }
}

function header(title: string, counts: string, ...actions: HTMLElement[]): HTMLElement {
  return h('header', { class: 'review-bar' }, h('h1', {}, title), h('span', { class: 'review-counts' }, counts), h('div', { class: 'review-actions' }, ...actions));
}

function showReview(message: ReviewMessage): void {
  const sameCard = current?.card?.cardId === message.card?.cardId && answerShown;
  current = message;
  api.setState({ mode: 'review', ...(message.scopeId ? { topicId: message.scopeId } : {}) });
  const title = message.scope ? `Review: ${message.scope}` : 'Review';
  document.title = title;
  const counts = `${message.remaining} left · ${message.reviewed} reviewed`;
  const undo = button('Undo', () => api.postMessage({ type: 'undo' }), { 'aria-keyshortcuts': 'U', title: 'Undo the last answer (U)' });
  undo.disabled = message.canUndo !== true;
  const stats = button('Stats', () => api.postMessage({ type: 'showStats' }));
  const { card } = message;
  if (!card) {
    answerShown = false;
    root.replaceChildren(
      header(title, counts, undo, stats),
      h(
        'section',
        { class: 'review-empty', 'aria-labelledby': 'review-empty-title' },
        h('h2', { id: 'review-empty-title', tabindex: '-1' }, message.reviewed > 0 ? 'All done for now' : 'Nothing to review now'),
        h('p', {}, message.nextDue ? `The next card is due ${message.nextDue}.` : 'Cards enter review when you mark a topic studied, or with Review This Topic on a topic in the Topics view.'),
      ),
      announcer(),
    );
    document.getElementById('review-empty-title')?.focus();
    announce(`${message.reviewed > 0 ? 'All done for now.' : 'Nothing to review now.'} ${message.nextDue ? `The next card is due ${message.nextDue}.` : ''}`);
    return;
  }
  const source = h('a', { href: '#', 'data-topic': card.topicId, ...(card.anchor ? { 'data-anchor': card.anchor } : {}) }, card.topicTitle);
  const question = h('div', { class: 'review-question', id: 'review-question', tabindex: '-1', role: 'region', 'aria-label': 'Question' });
  // Both come from core's renderNote, which escapes text and lets only an allow-list of markup through.
  question.innerHTML = card.question;
  const answer = h('div', { class: 'review-answer', id: 'review-answer', tabindex: '-1', role: 'region', 'aria-label': 'Answer' });
  answer.innerHTML = card.answer;
  answer.hidden = true;
  const controls = h('div', { class: 'review-controls' });
  root.replaceChildren(
    header(title, counts, undo, stats),
    h('article', { class: 'review-card', 'aria-label': `Card from ${card.topicTitle}` }, h('p', { class: 'review-source' }, 'From ', source), question, h('hr', { class: 'review-divider', hidden: '' }), answer, controls),
    announcer(),
  );
  diagrams.attach(root);
  if (sameCard) {
    revealAnswer(false);
  } else {
    answerShown = false;
    controls.replaceChildren(button('Show Answer', () => revealAnswer(true), { class: 'nexus-button review-primary', id: 'review-show', 'aria-keyshortcuts': 'Space' }, h('kbd', {}, 'Space')));
    question.focus();
    announce(`${message.remaining} left. Question from ${card.topicTitle}.`);
  }
}

function announcer(): HTMLElement {
  return h('div', { id: 'review-announce', class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
}

function revealAnswer(focus: boolean): void {
  const card = current?.card;
  const answer = document.getElementById('review-answer');
  const controls = root.querySelector('.review-controls');
  if (!card || !answer || !controls) {
    return;
  }
  answerShown = true;
  answer.hidden = false;
  root.querySelector<HTMLElement>('.review-divider')?.removeAttribute('hidden');
  const grades = h('div', { class: 'review-grades', role: 'group', 'aria-label': 'How well did you remember it?' });
  GRADE_NAMES.forEach((name, index) => {
    const interval = card.intervals[index];
    grades.append(
      button(name, () => grade(index + 1), { class: `nexus-button review-grade review-grade-${name.toLowerCase()}`, 'aria-keyshortcuts': String(index + 1), 'aria-label': `${name}, next in ${interval}, key ${index + 1}` }, h('span', { class: 'review-interval' }, interval), h('kbd', {}, String(index + 1))),
    );
  });
  controls.replaceChildren(grades);
  if (focus) {
    answer.focus();
    announce(`Answer shown. ${GRADE_NAMES.map((name, index) => `${index + 1} ${name} (${card.intervals[index]})`).join(', ')}.`);
  }
}

function grade(value: number): void {
  const card = current?.card;
  if (card && answerShown) {
    answerShown = false;
    announce(`${GRADE_NAMES[value - 1]}: next in ${card.intervals[value - 1]}.`);
    api.postMessage({ type: 'answer', cardId: card.cardId, grade: value });
  }
}

function showStats(message: ReviewStatsMessage): void {
  current = undefined;
  answerShown = false;
  api.setState({ mode: 'stats' });
  document.title = 'Review Stats';
  const problems = message.problems.map((problem) => h('p', { class: 'review-problem', role: 'alert' }, problem));
  const rows = message.topics.map((topic) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('a', { href: '#', 'data-topic': topic.topicId }, topic.title)),
      h('td', {}, String(topic.cards)),
      h('td', {}, String(topic.reviews)),
      h('td', {}, topic.retention === undefined ? '—' : `${Math.round(topic.retention * 100)}%`),
    ),
  );
  const table =
    rows.length > 0
      ? h(
          'table',
          { class: 'review-table' },
          h('caption', {}, 'Per topic, over the last 30 days'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Topic'), h('th', { scope: 'col' }, 'Cards'), h('th', { scope: 'col' }, 'Reviews'), h('th', { scope: 'col' }, 'Retention'))),
          h('tbody', {}, ...rows),
        )
      : h('p', {}, 'No topic is in review yet.');
  root.replaceChildren(
    header('Review Stats', `${message.due} due now`, button('Back to Review', () => api.postMessage({ type: 'showReview' }))),
    ...problems,
    h('section', { 'aria-labelledby': 'forecast-title' }, h('h2', { id: 'forecast-title' }, 'Due in the next 14 days'), forecastChart(message.forecast, message.today), h('p', { class: 'review-note' }, 'Cards you have seen, by the day they fall due (today includes any overdue). New cards are not counted until you first see them.')),
    h('section', { 'aria-labelledby': 'topics-title' }, h('h2', { id: 'topics-title' }, 'Topics'), table),
    h(
      'section',
      { 'aria-labelledby': 'export-title' },
      h('h2', { id: 'export-title' }, 'Export'),
      h(
        'div',
        { class: 'review-actions' },
        button('Export Review Log (CSV)…', () => api.postMessage({ type: 'exportReviewLog' })),
        button('Export Cards for Anki…', () => api.postMessage({ type: 'exportCards' })),
      ),
    ),
    announcer(),
  );
  root.querySelector<HTMLElement>('h1')?.setAttribute('tabindex', '-1');
  root.querySelector<HTMLElement>('h1')?.focus();
}

/** A bar per day, drawn here in SVG from the theme's chart colours (no chart library, no network). */
function forecastChart(counts: number[], today: string): Element {
  const svgNs = 'http://www.w3.org/2000/svg';
  const el = (tag: string, attrs: Record<string, string | number>, text?: string): SVGElement => {
    const node = document.createElementNS(svgNs, tag);
    for (const [key, value] of Object.entries(attrs)) {
      node.setAttribute(key, String(value));
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  };
  const [year, month, day] = today.split('-').map(Number);
  /** Two lines under each bar: the weekday, then the day of the month (`Today` alone for today). */
  const label = (index: number): [string, string] => {
    const date = new Date(year, month - 1, day + index);
    return index === 0 ? ['Today', ''] : [date.toLocaleDateString(undefined, { weekday: 'short' }), String(date.getDate())];
  };
  const width = 640;
  const height = 200;
  const top = 20;
  const bottom = 36;
  const slot = width / counts.length;
  const max = Math.max(1, ...counts);
  const svg = el('svg', { class: 'review-forecast', viewBox: `0 0 ${width} ${height}`, role: 'img' });
  svg.setAttribute('aria-label', `Cards due per day: ${counts.map((count, index) => `${label(index).join(' ').trim()} ${count}`).join(', ')}`);
  svg.append(el('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'review-axis' }));
  counts.forEach((count, index) => {
    const barHeight = ((height - top - bottom) * count) / max;
    const x = index * slot + slot * 0.18;
    const y = height - bottom - barHeight;
    svg.append(el('rect', { x, y, width: slot * 0.64, height: Math.max(count > 0 ? 2 : 0, barHeight), rx: 2, class: 'review-bar-rect' }));
    svg.append(el('text', { x: index * slot + slot / 2, y: y - 5, 'text-anchor': 'middle', class: 'review-bar-value' }, String(count)));
    const [first, second] = label(index);
    svg.append(el('text', { x: index * slot + slot / 2, y: height - bottom + 16, 'text-anchor': 'middle', class: 'review-bar-label' }, first));
    svg.append(el('text', { x: index * slot + slot / 2, y: height - bottom + 30, 'text-anchor': 'middle', class: 'review-bar-label' }, second));
  });
  return svg;
}

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  if (event.altKey || event.metaKey || (event.ctrlKey && event.key.toLowerCase() !== 'z')) {
    return;
  }
  // Keys typed into the find widget or a diagram's viewport are theirs.
  if (target?.closest('input, textarea, .nexus-diagram-viewport')) {
    return;
  }
  if (!current) {
    return;
  }
  if (event.key.toLowerCase() === 'u' || (event.ctrlKey && event.key.toLowerCase() === 'z')) {
    if (current.canUndo) {
      event.preventDefault();
      api.postMessage({ type: 'undo' });
    }
    return;
  }
  if (!current.card) {
    return;
  }
  if (!answerShown && (event.key === ' ' || (event.key === 'Enter' && !target?.closest('a, button:not(#review-show)')))) {
    event.preventDefault();
    revealAnswer(true);
  } else if (answerShown && ['1', '2', '3', '4'].includes(event.key)) {
    event.preventDefault();
    grade(Number(event.key));
  }
});

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest('a');
  if (!link) {
    return;
  }
  // No link leaves the webview by itself: topic and external links go through the extension, which checks them.
  event.preventDefault();
  const { topic, anchor } = link.dataset;
  if (topic) {
    api.postMessage({ type: 'openTopic', topicId: topic, ...(anchor ? { anchor } : {}) });
  } else if (link.hasAttribute('data-external')) {
    api.postMessage({ type: 'openExternal', url: link.getAttribute('href') ?? '' });
  }
});

onThemeChange(() => diagrams.rerenderAll(root));
api.postMessage({ type: 'ready' });

import type { SchemaHint } from './core/schema/hints';
import { isSchemaModel, type SchemaModel } from './core/schema/model';

/**
 * Messages between the extension and its webviews, typed once and validated on receipt on both sides: a
 * webview runs note content, so nothing it sends is trusted, and the webview trusts only well-formed messages.
 */

/** What a note panel remembers across reloads (webview state, read by the serializer). */
export interface NoteState {
  /** Stable for the panel's life, across reloads: it keys the extension's own record of the panel. */
  panelId: string;
  topicId: string;
  scrollY: number;
  /** The `renderedAt` of the render shown. */
  renderedAt?: number;
}

export interface RenderMessage {
  type: 'render';
  panelId: string;
  topicId: string;
  title: string;
  /** Sanitized HTML from core's renderNote. */
  html: string;
  /** Where to scroll once rendered: an anchor, or a pixel offset restored after reload. */
  anchor?: string;
  scrollY?: number;
  /** A preview beside its editor: blocks carry `data-line`, and scrolling reports the line at the top. */
  scrollSync?: boolean;
  /** When the extension made it (its clock): a page loaded again tells a stale first render from a newer one. */
  renderedAt?: number;
}

/** Colours for code blocks a render left plain (`data-highlight`), sent right after it. */
export interface HighlightMessage {
  type: 'highlight';
  /** highlight.js output: the code escaped, in `<span class="hljs-…">` only (checked on receipt). */
  blocks: Array<{ id: string; html: string }>;
}

/** Scroll a preview so the block at this 1-based file line sits at the top (its editor scrolled there). */
export interface RevealLineMessage {
  type: 'revealLine';
  line: number;
}

/** One component of the architecture, as the webview needs it to make its node clickable. */
export interface ArchitectureComponent {
  id: string;
  /** The node id the map and the sequence diagrams use for it. */
  node: string;
  label: string;
  role: string;
  topic: string;
  topicTitle: string;
}

export interface ArchitectureFlow {
  id: string;
  title: string;
  steps: Array<{ label: string; from: string; to: string; edge?: { from: string; to: string } }>;
  sequence: string;
  sequenceHash: string;
}

export interface ArchitectureMessage {
  type: 'architecture';
  /** The map as SVG, drawn by core's mapSvg (text escaped there). */
  diagram: string;
  diagramHash: string;
  components: ArchitectureComponent[];
  flows: ArchitectureFlow[];
  /** Problems in architecture.yaml, as `file:line: message`, shown above the diagram. */
  problems: string[];
  flowId?: string;
}

/** A card of the review panel: question and answer rendered by core's renderNote, like a note. */
export interface ReviewCard {
  cardId: string;
  topicId: string;
  topicTitle: string;
  /** The heading of the note the card sits under. */
  anchor: string;
  question: string;
  answer: string;
  /** The next interval for Again, Hard, Good, Easy (`10m`, `3d`). */
  intervals: string[];
}

export interface ReviewMessage {
  type: 'review';
  /** Absent when nothing is left to review now. */
  card?: ReviewCard;
  /** Cards left in this session, this one included. */
  remaining: number;
  /** Answered in this session. */
  reviewed: number;
  canUndo?: boolean;
  /** The title and id of the topic the session is narrowed to (Review This Topic). */
  scope?: string;
  scopeId?: string;
  /** When the next card falls due, when none is due now (`in 10m`). */
  nextDue?: string;
}

export interface ReviewTopicStats {
  topicId: string;
  title: string;
  cards: number;
  reviews: number;
  /** 0–1; absent until a learned card was answered in the period. */
  retention?: number;
}

export interface ReviewStatsMessage {
  type: 'reviewStats';
  topics: ReviewTopicStats[];
  /** Cards due on each of the next 14 days, today first. */
  forecast: number[];
  /** Today as YYYY-MM-DD (the learner's local date), to label the forecast. */
  today: string;
  due: number;
  /** State that could not be read, as told to the learner. */
  problems: string[];
}

/** Visualize Schema: the model read from the learner's files; the webview draws it (filtered, searched, focused). */
export interface SchemaMessage {
  type: 'schema';
  /** What was read: the workspace, a folder or a file. */
  title: string;
  /** Its URI ('' for the workspace), which the webview keeps in its state for the serializer. */
  scope: string;
  model: SchemaModel;
  hints: SchemaHint[];
}

/** What a schema panel remembers across reloads: what it shows (a file or folder URI, '' for the workspace). */
export interface SchemaPanelState {
  scope: string;
}

export type ExtensionToWebview = RenderMessage | HighlightMessage | ArchitectureMessage | RevealLineMessage | ReviewMessage | ReviewStatsMessage | SchemaMessage;

/** What the review panel remembers across reloads. */
export interface ReviewPanelState {
  mode: 'review' | 'stats';
  topicId?: string;
}

/** What an architecture panel remembers across reloads. */
export interface ArchitectureState {
  flowId: string;
}

export type WebviewToExtension =
  | { type: 'ready' }
  | { type: 'openTopic'; topicId: string; anchor?: string }
  | { type: 'openExternal'; url: string }
  | { type: 'copyText'; text: string; what: string }
  | { type: 'saveSvg'; svg: string; name: string }
  | { type: 'insertCode'; code: string; snippet?: string }
  | { type: 'scrolled'; scrollY: number }
  /** The learner scrolled a preview: the 1-based file line now at its top, for the editor to follow. */
  | { type: 'revealedLine'; line: number }
  | { type: 'openArchitecture'; flowId?: string }
  | { type: 'flowChosen'; flowId: string }
  /** A diagram mermaid drew, for the persistent SVG cache (its source hash, theme and drawn size). */
  | { type: 'cacheSvg'; hash: string; theme: string; svg: string; width: number; height: number }
  /** Review panel: an answer (1 Again … 4 Easy), Undo, the stats, exports. */
  | { type: 'answer'; cardId: string; grade: number }
  | { type: 'undo' }
  | { type: 'showStats' }
  | { type: 'showReview' }
  | { type: 'exportReviewLog' }
  | { type: 'exportCards' }
  /** Schema panel: open a file the model was read from at a line (an entity's definition, a problem). */
  | { type: 'openLocation'; file: string; line: number };

/** Bounds that keep a misbehaving webview from handing the extension huge payloads. */
const MAX_TEXT = 5_000_000;
// Ids include a previewed file's URI, so they are bounded like paths rather than like slugs.
const MAX_ID = 4096;

type Shape = Record<string, 'string' | 'number' | 'string?' | 'boolean?' | 'number?'>;

const WEBVIEW_MESSAGES: Record<WebviewToExtension['type'], Shape> = {
  ready: {},
  openTopic: { topicId: 'string', anchor: 'string?' },
  openExternal: { url: 'string' },
  copyText: { text: 'string', what: 'string' },
  saveSvg: { svg: 'string', name: 'string' },
  insertCode: { code: 'string', snippet: 'string?' },
  scrolled: { scrollY: 'number' },
  revealedLine: { line: 'number' },
  openArchitecture: { flowId: 'string?' },
  flowChosen: { flowId: 'string' },
  cacheSvg: { hash: 'string', theme: 'string', svg: 'string', width: 'number', height: 'number' },
  answer: { cardId: 'string', grade: 'number' },
  undo: {},
  showStats: {},
  showReview: {},
  exportReviewLog: {},
  exportCards: {},
  openLocation: { file: 'string', line: 'number' },
};

const EXTENSION_MESSAGES: Record<ExtensionToWebview['type'], Shape> = {
  render: { panelId: 'string', topicId: 'string', title: 'string', html: 'string', anchor: 'string?', scrollSync: 'boolean?', renderedAt: 'number?' },
  revealLine: { line: 'number' },
  highlight: {},
  architecture: { diagram: 'string', diagramHash: 'string', flowId: 'string?' },
  review: { remaining: 'number', reviewed: 'number', canUndo: 'boolean?', scope: 'string?', scopeId: 'string?', nextDue: 'string?' },
  reviewStats: { today: 'string', due: 'number' },
  schema: { title: 'string', scope: 'string' },
};

function matches(data: unknown, shapes: Record<string, Shape>): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return false;
  }
  const message = data as Record<string, unknown>;
  const shape = typeof message.type === 'string' && Object.hasOwn(shapes, message.type) ? shapes[message.type] : undefined;
  if (!shape) {
    return false;
  }
  for (const [key, kind] of Object.entries(shape)) {
    const value = message[key];
    if ((kind === 'string?' || kind === 'boolean?' || kind === 'number?') && value === undefined) {
      continue;
    }
    if (kind === 'boolean?') {
      if (typeof value !== 'boolean') {
        return false;
      }
      continue;
    }
    if (kind === 'number' || kind === 'number?' ? typeof value !== 'number' || !Number.isFinite(value) : typeof value !== 'string') {
      return false;
    }
    if (typeof value === 'string' && value.length > (['panelId', 'topicId', 'anchor', 'name', 'flowId'].includes(key) ? MAX_ID : MAX_TEXT)) {
      return false;
    }
  }
  return true;
}

export function isWebviewToExtension(data: unknown): data is WebviewToExtension {
  return matches(data, WEBVIEW_MESSAGES) && ((data as { type: string }).type !== 'answer' || [1, 2, 3, 4].includes((data as { grade: number }).grade));
}

export function isExtensionToWebview(data: unknown): data is ExtensionToWebview {
  if (!matches(data, EXTENSION_MESSAGES)) {
    return false;
  }
  const message = data as Partial<ArchitectureMessage> & { scrollY?: unknown };
  if (message.type === 'architecture') {
    return (
      isListOf(message.components, (c) => ['id', 'node', 'label', 'role', 'topic', 'topicTitle'].every((key) => typeof c[key] === 'string')) &&
      isListOf(message.flows, (f) => typeof f.id === 'string' && typeof f.title === 'string' && typeof f.sequence === 'string' && typeof f.sequenceHash === 'string' && isListOf(f.steps, (step) => typeof step.label === 'string' && typeof step.from === 'string' && typeof step.to === 'string')) &&
      isListOf(message.problems, (p) => typeof p === 'string')
    );
  }
  if (message.type === 'highlight') {
    // Only highlight.js's own markup: text, entities and class-only spans; anything else is not a highlight.
    const markup = /^(?:[^<>]|<span class="[\w -]+">|<\/span>)*$/;
    return isListOf((data as Partial<HighlightMessage>).blocks, (block) => typeof block.id === 'string' && /^[0-9a-z]{1,16}$/.test(block.id) && typeof block.html === 'string' && block.html.length <= MAX_TEXT && markup.test(block.html));
  }
  if (message.type === 'review') {
    const { card } = data as Partial<ReviewMessage>;
    return (
      card === undefined ||
      (['cardId', 'topicId', 'topicTitle', 'anchor', 'question', 'answer'].every((key) => typeof (card as unknown as Record<string, unknown>)[key] === 'string') &&
        isListOf(card.intervals, (interval) => typeof interval === 'string') &&
        card.intervals.length === 4)
    );
  }
  if (message.type === 'schema') {
    const { model, hints } = data as Partial<SchemaMessage>;
    const topics = ['relationships', 'indexing-query-optimization', 'orm-n-plus-one'];
    return isSchemaModel(model) && isListOf(hints, (h) => typeof h.entity === 'string' && typeof h.text === 'string' && typeof h.kind === 'string' && topics.includes(h.topic));
  }
  if (message.type === 'reviewStats') {
    const stats = data as Partial<ReviewStatsMessage>;
    return (
      isListOf(stats.forecast, (count) => typeof count === 'number' && Number.isFinite(count)) &&
      isListOf(stats.problems, (problem) => typeof problem === 'string') &&
      isListOf(
        stats.topics,
        (t) => typeof t.topicId === 'string' && typeof t.title === 'string' && Number.isFinite(t.cards) && Number.isFinite(t.reviews) && (t.retention === undefined || Number.isFinite(t.retention)),
      )
    );
  }
  return message.scrollY === undefined || (typeof message.scrollY === 'number' && Number.isFinite(message.scrollY));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checks shapes of unknown data, field by field
function isListOf(value: unknown, check: (item: any) => boolean): boolean {
  return Array.isArray(value) && value.every((item) => item !== null && item !== undefined && check(item));
}

export function isArchitectureState(data: unknown): data is ArchitectureState {
  return typeof (data as Partial<ArchitectureState> | null)?.flowId === 'string';
}

export function isSchemaPanelState(data: unknown): data is SchemaPanelState {
  return typeof (data as Partial<SchemaPanelState> | null)?.scope === 'string';
}

export function isReviewPanelState(data: unknown): data is ReviewPanelState {
  const state = data as Partial<ReviewPanelState> | null;
  return (state?.mode === 'review' || state?.mode === 'stats') && (state.topicId === undefined || typeof state.topicId === 'string');
}

export function isNoteState(data: unknown): data is NoteState {
  const state = data as Partial<NoteState> | null;
  return (
    typeof state?.panelId === 'string' &&
    typeof state.topicId === 'string' &&
    typeof state.scrollY === 'number' &&
    Number.isFinite(state.scrollY) &&
    (state.renderedAt === undefined || (typeof state.renderedAt === 'number' && Number.isFinite(state.renderedAt)))
  );
}

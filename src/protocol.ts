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
}

/** Scroll a preview so the block at this 1-based file line sits at the top (its editor scrolled there). */
export interface RevealLineMessage {
  type: 'revealLine';
  line: number;
}

/** One component of the architecture, as the webview needs it to make its node clickable. */
export interface ArchitectureComponent {
  id: string;
  /** The mermaid node id the flowchart uses for it. */
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
  diagram: string;
  diagramHash: string;
  components: ArchitectureComponent[];
  flows: ArchitectureFlow[];
  /** Problems in architecture.yaml, as `file:line: message`, shown above the diagram. */
  problems: string[];
  flowId?: string;
}

export type ExtensionToWebview = RenderMessage | ArchitectureMessage | RevealLineMessage;

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
  | { type: 'flowChosen'; flowId: string };

/** Bounds that keep a misbehaving webview from handing the extension huge payloads. */
const MAX_TEXT = 5_000_000;
// Ids include a previewed file's URI, so they are bounded like paths rather than like slugs.
const MAX_ID = 4096;

type Shape = Record<string, 'string' | 'number' | 'string?' | 'boolean?'>;

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
};

const EXTENSION_MESSAGES: Record<ExtensionToWebview['type'], Shape> = {
  render: { panelId: 'string', topicId: 'string', title: 'string', html: 'string', anchor: 'string?', scrollSync: 'boolean?' },
  revealLine: { line: 'number' },
  architecture: { diagram: 'string', diagramHash: 'string', flowId: 'string?' },
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
    if ((kind === 'string?' || kind === 'boolean?') && value === undefined) {
      continue;
    }
    if (kind === 'boolean?') {
      if (typeof value !== 'boolean') {
        return false;
      }
      continue;
    }
    if (kind === 'number' ? typeof value !== 'number' || !Number.isFinite(value) : typeof value !== 'string') {
      return false;
    }
    if (typeof value === 'string' && value.length > (['panelId', 'topicId', 'anchor', 'name', 'flowId'].includes(key) ? MAX_ID : MAX_TEXT)) {
      return false;
    }
  }
  return true;
}

export function isWebviewToExtension(data: unknown): data is WebviewToExtension {
  return matches(data, WEBVIEW_MESSAGES);
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
  return message.scrollY === undefined || (typeof message.scrollY === 'number' && Number.isFinite(message.scrollY));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checks shapes of unknown data, field by field
function isListOf(value: unknown, check: (item: any) => boolean): boolean {
  return Array.isArray(value) && value.every((item) => item !== null && item !== undefined && check(item));
}

export function isArchitectureState(data: unknown): data is ArchitectureState {
  return typeof (data as Partial<ArchitectureState> | null)?.flowId === 'string';
}

export function isNoteState(data: unknown): data is NoteState {
  const state = data as Partial<NoteState> | null;
  return (
    typeof state?.panelId === 'string' &&
    typeof state.topicId === 'string' &&
    typeof state.scrollY === 'number' &&
    Number.isFinite(state.scrollY)
  );
}

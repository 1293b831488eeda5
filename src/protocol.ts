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
}

export interface ScrollToAnchorMessage {
  type: 'scrollToAnchor';
  anchor: string;
}

export type ExtensionToWebview = RenderMessage | ScrollToAnchorMessage;

export type WebviewToExtension =
  | { type: 'ready' }
  | { type: 'openTopic'; topicId: string; anchor?: string }
  | { type: 'openExternal'; url: string }
  | { type: 'copyText'; text: string; what: string }
  | { type: 'saveSvg'; svg: string; name: string }
  | { type: 'insertCode'; code: string; snippet?: string }
  | { type: 'scrolled'; scrollY: number };

/** Bounds that keep a misbehaving webview from handing the extension huge payloads. */
const MAX_TEXT = 5_000_000;
const MAX_ID = 200;

type Shape = Record<string, 'string' | 'number' | 'string?'>;

const WEBVIEW_MESSAGES: Record<WebviewToExtension['type'], Shape> = {
  ready: {},
  openTopic: { topicId: 'string', anchor: 'string?' },
  openExternal: { url: 'string' },
  copyText: { text: 'string', what: 'string' },
  saveSvg: { svg: 'string', name: 'string' },
  insertCode: { code: 'string', snippet: 'string?' },
  scrolled: { scrollY: 'number' },
};

const EXTENSION_MESSAGES: Record<ExtensionToWebview['type'], Shape> = {
  render: { panelId: 'string', topicId: 'string', title: 'string', html: 'string', anchor: 'string?' },
  scrollToAnchor: { anchor: 'string' },
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
    if (kind === 'string?' && value === undefined) {
      continue;
    }
    if (kind === 'number' ? typeof value !== 'number' || !Number.isFinite(value) : typeof value !== 'string') {
      return false;
    }
    if (typeof value === 'string' && value.length > (['panelId', 'topicId', 'anchor', 'name'].includes(key) ? MAX_ID : MAX_TEXT)) {
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
  const scrollY = (data as { scrollY?: unknown }).scrollY;
  return scrollY === undefined || (typeof scrollY === 'number' && Number.isFinite(scrollY));
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

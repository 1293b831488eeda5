import { isExtensionToWebview, type NoteState, type RenderMessage } from '../src/protocol';
import { Diagrams } from './diagrams';
import { onThemeChange } from './theme';
import { connect } from './vscodeApi';

const root = document.getElementById('nexus-root') as HTMLElement;
let panelId = '';
let topicId = '';
let noteName = 'diagram';
/** A preview beside its editor: report the line at the top when the learner scrolls, follow the editor's. */
let scrollSync = false;
/** Until when scroll events are the echo of a line the editor asked us to show, not the learner scrolling. */
let scrolledByEditorUntil = 0;

const api = connect<NoteState>((message) => {
  if (message.type === 'render') {
    show(message);
  } else if (message.type === 'revealLine') {
    scrollToLine(message.line);
  } else if (message.type === 'highlight') {
    // The protocol let through only highlight.js's escaped text and class-only spans.
    for (const block of message.blocks) {
      for (const container of root.querySelectorAll<HTMLElement>(`.nexus-code[data-highlight="${block.id}"]`)) {
        const code = container.querySelector('code');
        if (code && block.html) {
          code.innerHTML = block.html;
          container.removeAttribute('data-highlight');
        }
      }
    }
  }
});
const diagrams = new Diagrams((message) => api.postMessage(message), () => noteName);
// A page loaded again (VS Code drops a hidden panel's page) starts where it was: its note and scroll position.
const restored = api.getState();
let restoredScroll = restored?.scrollY;
/** When the render on screen was made, kept in the state. */
let renderedAt: number | undefined;

/** Shows a rendered note; `inPage` when its HTML already came in the page itself (the first note of a panel). */
function show(message: RenderMessage, inPage = false): void {
  const sameNote = message.topicId === topicId;
  const keepScroll = sameNote ? (restoredScroll ?? window.scrollY) : 0;
  restoredScroll = undefined;
  panelId = message.panelId;
  topicId = message.topicId;
  noteName = message.topicId.startsWith('preview:') ? (message.topicId.split('/').pop() ?? 'preview').replace(/\.md$/i, '') : message.topicId;
  scrollSync = message.scrollSync === true;
  renderedAt = message.renderedAt;
  document.title = message.title;
  // The HTML comes from core's renderNote, which escapes text and lets only an allow-list of markup through.
  if (!inPage) {
    root.innerHTML = message.html;
  }
  decorateCode(root);
  diagrams.attach(root);
  if (message.anchor) {
    scrollToAnchor(message.anchor);
  } else {
    window.scrollTo(0, message.scrollY ?? keepScroll);
  }
  saveState();
}

function decorateCode(container: ParentNode): void {
  for (const block of container.querySelectorAll<HTMLElement>('.nexus-code')) {
    const code = block.querySelector('code')?.textContent ?? '';
    const bar = document.createElement('div');
    bar.className = 'nexus-code-toolbar';
    const add = (label: string, action: () => void): void => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'nexus-button';
      button.textContent = label;
      button.addEventListener('click', action);
      bar.append(button);
    };
    add('Copy', () => api.postMessage({ type: 'copyText', text: code, what: 'the code' }));
    const snippet = block.dataset.snippet;
    if (snippet) {
      add('Insert', () => api.postMessage({ type: 'insertCode', code, snippet }));
    }
    block.prepend(bar);
  }
}

/** Blocks that carry their file line, top to bottom, with their page offsets. */
function lineBlocks(): Array<{ line: number; top: number }> {
  return [...root.querySelectorAll<HTMLElement>('[data-line]')]
    .map((element) => ({ line: Number(element.dataset.line), top: element.getBoundingClientRect().top + window.scrollY }))
    .filter((block) => Number.isFinite(block.line))
    .sort((a, b) => a.top - b.top || a.line - b.line);
}

/** Scrolls so the given file line is at the top, between the blocks around it in proportion (as VS Code's preview does). */
function scrollToLine(line: number): void {
  const blocks = lineBlocks();
  let before = blocks[0];
  let after: (typeof blocks)[number] | undefined;
  for (const block of blocks) {
    if (block.line <= line) {
      before = block;
    } else {
      after = block;
      break;
    }
  }
  if (!before) {
    return;
  }
  const share = after && after.line > before.line ? Math.max(0, line - before.line) / (after.line - before.line) : 0;
  scrolledByEditorUntil = Date.now() + 250;
  window.scrollTo(0, Math.max(0, before.top + share * ((after?.top ?? before.top) - before.top)));
}

/** The file line at the top of the view, in proportion between the blocks around it. */
function lineAtTop(): number | undefined {
  const y = window.scrollY;
  const blocks = lineBlocks();
  let before: (typeof blocks)[number] | undefined;
  let after: (typeof blocks)[number] | undefined;
  for (const block of blocks) {
    if (block.top <= y) {
      before = block;
    } else {
      after = block;
      break;
    }
  }
  if (!before) {
    return blocks[0]?.line;
  }
  const share = after && after.top > before.top ? (y - before.top) / (after.top - before.top) : 0;
  return before.line + share * ((after?.line ?? before.line) - before.line);
}

function scrollToAnchor(anchor: string): void {
  const target = document.getElementById(anchor);
  if (target) {
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }
}

function saveState(): void {
  if (topicId) {
    const scrollY = Math.round(window.scrollY);
    api.setState({ panelId, topicId, scrollY, ...(renderedAt === undefined ? {} : { renderedAt }) });
    api.postMessage({ type: 'scrolled', scrollY });
  }
}

document.addEventListener('click', (event) => {
  const insert = (event.target as Element | null)?.closest<HTMLElement>('[data-insert-snippet]');
  if (insert?.dataset.insertSnippet) {
    api.postMessage({ type: 'insertCode', code: '', snippet: insert.dataset.insertSnippet });
    return;
  }
  const link = (event.target as Element | null)?.closest('a');
  if (!link) {
    return;
  }
  // No link leaves the webview by itself: topic and external links go through the extension, which checks them.
  event.preventDefault();
  const { topic, anchor, architecture } = link.dataset;
  if (architecture !== undefined) {
    api.postMessage({ type: 'openArchitecture', ...(architecture ? { flowId: architecture } : {}) });
  } else if (topic) {
    api.postMessage({ type: 'openTopic', topicId: topic, ...(anchor ? { anchor } : {}) });
  } else if (link.hasAttribute('data-external')) {
    api.postMessage({ type: 'openExternal', url: link.getAttribute('href') ?? '' });
  } else if (anchor) {
    scrollToAnchor(anchor);
  }
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
let lineFrame = 0;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(saveState, 150);
  if (scrollSync && Date.now() > scrolledByEditorUntil && lineFrame === 0) {
    lineFrame = requestAnimationFrame(() => {
      lineFrame = 0;
      const line = lineAtTop();
      if (line !== undefined) {
        api.postMessage({ type: 'revealedLine', line });
      }
    });
  }
}, { passive: true });

onThemeChange(() => diagrams.rerenderAll(root));

if (restored) {
  topicId = restored.topicId;
}
// The first note came in the page (its HTML in #nexus-root, its message beside it): no ready round trip to wait for.
// A page older than what the panel showed since (VS Code wrote it anew from its first HTML) shows nothing until the
// extension sends that again after `ready`; a page written for a restored panel is newer than its state.
const first: unknown = JSON.parse(document.getElementById('nexus-first')?.textContent || 'null');
if (isExtensionToWebview(first) && first.type === 'render') {
  if ((restored?.renderedAt ?? 0) > (first.renderedAt ?? 0)) {
    root.replaceChildren();
  } else {
    show(first, true);
  }
}
api.postMessage({ type: 'ready' });

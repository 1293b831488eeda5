import type { NoteState, RenderMessage } from '../src/protocol';
import { Diagrams } from './diagrams';
import { onThemeChange } from './theme';
import { connect } from './vscodeApi';

const root = document.getElementById('nexus-root') as HTMLElement;
let panelId = '';
let topicId = '';
let noteName = 'diagram';

const api = connect<NoteState>((message) => {
  if (message.type === 'render') {
    show(message);
  }
});
const diagrams = new Diagrams((message) => api.postMessage(message), () => noteName);

function show(message: RenderMessage): void {
  const sameNote = message.topicId === topicId;
  const keepScroll = sameNote ? window.scrollY : 0;
  panelId = message.panelId;
  topicId = message.topicId;
  noteName = message.topicId;
  document.title = message.title;
  // The HTML comes from core's renderNote, which escapes text and lets only an allow-list of markup through.
  root.innerHTML = message.html;
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
    api.setState({ panelId, topicId, scrollY });
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
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(saveState, 150);
}, { passive: true });

onThemeChange(() => diagrams.rerenderAll(root));

const restored = api.getState();
if (restored) {
  topicId = restored.topicId;
}
api.postMessage({ type: 'ready' });

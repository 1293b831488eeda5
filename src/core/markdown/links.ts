import { escapeHtml } from './escape';
import { asRenderEnv, type Markdown, type RenderEnv } from './renderEnv';

export type LinkTarget =
  | { kind: 'topic'; id: string; anchor: string | undefined }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'external'; url: string }
  | { kind: 'architecture'; flow: string | undefined }
  | { kind: 'broken'; reason: string }
  | { kind: 'refused'; reason: string };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Decides what a link in a note may do: open another topic (`topic:id`, a bare id, or a relative path to its
 * markdown), scroll to an anchor, open the architecture (`architecture:` or `architecture:<flow>`), or open
 * an http(s) page outside VS Code. Everything else — javascript:,
 * command:, file:, data:, vscode: and the like — is refused and rendered inert.
 */
export function classifyLink(href: string, env: RenderEnv): LinkTarget {
  const trimmed = href.trim();
  if (trimmed.startsWith('#')) {
    return { kind: 'anchor', anchor: decodeSafely(trimmed.slice(1)) };
  }
  // Browsers drop tabs, newlines and controls inside URLs, so `jav&#x09;ascript:` is still javascript:.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const scheme = SCHEME.exec(trimmed.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''))?.[1].toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    return { kind: 'external', url: trimmed };
  }
  if (scheme === 'architecture') {
    return { kind: 'architecture', flow: trimmed.slice('architecture:'.length) || undefined };
  }
  if (scheme === 'topic') {
    const [id, anchor] = trimmed.slice('topic:'.length).split('#');
    return env.context.hasTopic(id) ? { kind: 'topic', id, anchor: anchor && decodeSafely(anchor) } : { kind: 'broken', reason: `No topic "${id}"` };
  }
  if (scheme !== undefined || /^[/\\]{2}/.test(trimmed)) {
    return { kind: 'refused', reason: `Links with ${scheme ? `"${scheme}:"` : 'this form'} are not followed from notes` };
  }
  const [path, anchor] = trimmed.split('#');
  if (TOPIC_ID.test(path) && env.context.hasTopic(path)) {
    return { kind: 'topic', id: path, anchor: anchor && decodeSafely(anchor) };
  }
  let target: string;
  try {
    target = new URL(path, env.file).toString();
  } catch {
    return { kind: 'broken', reason: `Not a path: ${path}` };
  }
  const id = env.context.topicIdForFile(target);
  return id ? { kind: 'topic', id, anchor: anchor && decodeSafely(anchor) } : { kind: 'broken', reason: `No topic at ${decodeSafely(path)}` };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function links(md: Markdown): void {
  // Inline tokens carry no line; give them their paragraph's, so a refused link is reported near where it is.
  md.core.ruler.push('nexus_inline_lines', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'inline' && token.map) {
        for (const child of token.children ?? []) {
          child.map ??= token.map;
        }
      }
    }
  });
  // Every link reaches classifyLink, which refuses more than markdown-it's own check would.
  md.validateLink = () => true;
  md.renderer.rules.link_open = (tokens, index, options, rawEnv, self) => {
    const env = asRenderEnv(rawEnv);
    const token = tokens[index];
    const target = classifyLink(String(token.attrGet('href') ?? ''), env);
    token.attrs = [];
    switch (target.kind) {
      case 'topic':
        token.attrSet('href', '#');
        token.attrSet('data-topic', target.id);
        if (target.anchor) {
          token.attrSet('data-anchor', target.anchor);
        }
        token.attrSet('class', 'nexus-link-topic');
        break;
      case 'anchor':
        token.attrSet('href', `#${encodeURIComponent(target.anchor)}`);
        token.attrSet('data-anchor', target.anchor);
        break;
      case 'architecture':
        token.attrSet('href', '#');
        token.attrSet('data-architecture', target.flow ?? '');
        token.attrSet('class', 'nexus-link-architecture');
        break;
      case 'external':
        token.attrSet('href', target.url);
        token.attrSet('data-external', '');
        token.attrSet('class', 'nexus-link-external');
        token.attrSet('title', target.url);
        break;
      case 'broken':
      case 'refused':
        token.attrSet('class', `nexus-link-${target.kind}`);
        token.attrSet('title', target.reason);
        env.problems.push({ line: env.line(token), message: target.reason });
        break;
    }
    return self.renderToken(tokens, index, options);
  };
  md.renderer.rules.image = (tokens, index, options, rawEnv, self) => {
    const env = asRenderEnv(rawEnv);
    const token = tokens[index];
    const src = String(token.attrGet('src') ?? '').trim();
    const alt = self.renderInlineAsText(token.children ?? [], options, rawEnv);
    const refuse = (reason: string): string => {
      env.problems.push({ line: env.line(token), message: reason });
      return `<span class="nexus-image-refused" title="${escapeHtml(reason)}">[image: ${escapeHtml(alt)}]</span>`;
    };
    if (SCHEME.test(src) || /^[/\\]{2}/.test(src)) {
      return refuse(/^https?:/i.test(src) ? `Remote images are not loaded: ${src}` : `Images with this address are not loaded: ${src}`);
    }
    let resolved: string | undefined;
    try {
      resolved = env.context.imageSrc?.(new URL(src, env.file).toString());
    } catch {
      resolved = undefined;
    }
    if (!resolved) {
      return refuse(`No image at ${src}`);
    }
    return `<img src="${escapeHtml(resolved)}" alt="${escapeHtml(alt)}" loading="lazy">`;
  };
}

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { highlightPending, highlights } from '../../src/core/highlight';
import { sourceHash } from '../../src/core/markdown/sourceHash';
import { isExtensionToWebview, isNoteState, isWebviewToExtension } from '../../src/protocol';
import { repoRoot } from '../harness/paths';

describe('messages between the extension and its webviews', () => {
  it('accepts each well-formed message from a webview', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'openTopic', topicId: 'jwt-auth' },
      { type: 'openTopic', topicId: 'jwt-auth', anchor: 'pitfalls' },
      { type: 'openExternal', url: 'https://docs.djangoproject.com/' },
      { type: 'copyText', text: '<svg/>', what: 'the diagram' },
      { type: 'saveSvg', svg: '<svg/>', name: 'orm-line-12' },
      { type: 'insertCode', code: 'const a = 1;', snippet: 'drf-serializer' },
      { type: 'scrolled', scrollY: 120 },
      { type: 'revealedLine', line: 42 },
    ]) {
      assert.ok(isWebviewToExtension(message), JSON.stringify(message));
    }
  });

  it('refuses unknown types, missing or wrong-typed fields, and oversized ids', () => {
    for (const message of [
      null,
      'ready',
      [],
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'openTopic' },
      { type: 'openTopic', topicId: 42 },
      { type: 'openTopic', topicId: 'x', anchor: {} },
      { type: 'openTopic', topicId: 'x'.repeat(4097) },
      { type: 'scrolled', scrollY: Number.NaN },
      { type: 'revealedLine', line: '42' },
      { type: 'revealedLine', line: Number.POSITIVE_INFINITY },
      { type: 'toString' },
      { type: '__proto__' },
    ]) {
      assert.equal(isWebviewToExtension(message), false, JSON.stringify(message));
    }
  });

  it('checks what the extension sends, and the state a restored panel brings', () => {
    assert.ok(isExtensionToWebview({ type: 'render', panelId: 'p', topicId: 't', title: 'T', html: '<p>x</p>', scrollY: 10 }));
    assert.equal(isExtensionToWebview({ type: 'render', panelId: 'p', topicId: 't', title: 'T', html: '<p>x</p>', scrollY: 'top' }), false);
    assert.equal(isExtensionToWebview({ type: 'render', topicId: 't', title: 'T', html: '' }), false);
    assert.ok(isExtensionToWebview({ type: 'render', panelId: 'p', topicId: 't', title: 'T', html: '', scrollSync: true }));
    assert.equal(isExtensionToWebview({ type: 'render', panelId: 'p', topicId: 't', title: 'T', html: '', scrollSync: 'yes' }), false);
    assert.ok(isExtensionToWebview({ type: 'revealLine', line: 12 }));
    assert.equal(isExtensionToWebview({ type: 'revealLine', line: null }), false);
    assert.ok(isNoteState({ panelId: 'p', topicId: 't', scrollY: 0 }));
    assert.equal(isNoteState({ topicId: 't', scrollY: 0 }), false);
    // When a render was made: a page VS Code loaded again compares its first render with the state's.
    assert.ok(isExtensionToWebview({ type: 'render', panelId: 'p', topicId: 't', title: 'T', html: '', renderedAt: 1_764_000_000_000 }));
    for (const renderedAt of ['1764000000000', Number.NaN, null]) {
      assert.equal(isExtensionToWebview({ type: 'render', panelId: 'p', topicId: 't', title: 'T', html: '', renderedAt }), false, String(renderedAt));
      assert.equal(isNoteState({ panelId: 'p', topicId: 't', scrollY: 0, renderedAt }), false, String(renderedAt));
    }
    assert.ok(isNoteState({ panelId: 'p', topicId: 't', scrollY: 0, renderedAt: 1_764_000_000_000 }));
  });

  it('lets through the colours of every code block in the bundled notes, and nothing that is not highlight.js markup', () => {
    const topics = path.join(repoRoot, 'content', 'topics');
    // Every fenced block in a language highlight.js knows, as the note panels would colour it (from the cache or
    // fresh: earlier tests in this process may have highlighted them already).
    const blocks = fs.readdirSync(topics, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) => [...fs.readFileSync(path.join(topics, file), 'utf8').matchAll(/^```(\w+)[^\n]*\n([\s\S]*?)^```/gm)])
      .map(([, language, code]) => ({ id: sourceHash(`${language}\n${code}`), language, code }))
      .filter((block) => highlights(block.language));
    assert.ok(blocks.length > 100, `${blocks.length} code blocks`);
    const colours = highlightPending(blocks);
    assert.ok(isExtensionToWebview({ type: 'highlight', blocks: colours }));
    const one = (id: string, html: string): unknown => ({ type: 'highlight', blocks: [{ id, html }] });
    assert.ok(isExtensionToWebview(one('abc123', '<span class="hljs-keyword">def</span> f(): &lt;b&gt;')));
    for (const html of ['<img src=x onerror=alert(1)>', '<span class="hljs-keyword" onclick="x()">def</span>', '<span class="a"><script>x()</script></span>', '<span class=\'a\'>x</span>', '<span style="color:red">x</span>']) {
      assert.equal(isExtensionToWebview(one('abc123', html)), false, html);
    }
    // The id goes into a CSS selector in the webview.
    assert.equal(isExtensionToWebview(one('a"],*,[x="', '')), false);
    assert.equal(isExtensionToWebview({ type: 'highlight', blocks: 'x' }), false);
  });
});

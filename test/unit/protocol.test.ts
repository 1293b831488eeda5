import * as assert from 'node:assert/strict';
import { isExtensionToWebview, isNoteState, isWebviewToExtension } from '../../src/protocol';

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
  });
});

/**
 * Which mermaid chunks a note page preloads, from a manifest shaped like the build's (dist/webview/preloads.js), so
 * it runs without a build: diagramPreloads.test.ts reads the real one and so stays out of Stryker's sandbox, which
 * has no dist/. Written against the uncovered mutants of src/core/markdown/diagramPreloads.ts (npm run stryker).
 */
import * as assert from 'node:assert/strict';
import { chunksToPreload, isPreloadManifest, kindsToDraw, type PreloadManifest } from '../../src/core/markdown/diagramPreloads';
import { renderNote } from '../../src/core/renderNote';

const manifest: PreloadManifest = {
  mermaid: ['chunks/mermaid.core-QX4VZ2.js', 'chunks/chunk-7HL2.js'],
  kinds: {
    erDiagram: ['chunks/erDiagram-Q7BY.js', 'chunks/chunk-7HL2.js'],
    sequenceDiagram: ['chunks/sequenceDiagram-X1.js'],
    flowchart: ['chunks/flowDiagram-9A.js', 'chunks/chunk-K2.js'],
  },
  pages: {},
};

describe('diagram chunks to preload', () => {
  it('takes a manifest of chunk paths only, for mermaid and for every kind', () => {
    assert.ok(isPreloadManifest(manifest));
    assert.ok(isPreloadManifest({ mermaid: [], kinds: {}, pages: {} }));
    for (const bad of [
      null,
      'chunks/a.js',
      { mermaid: 'chunks/a.js', kinds: {}, pages: {} },
      { mermaid: ['chunks/a.js', 3], kinds: {}, pages: {} },
      { mermaid: ['chunks/a.js'], kinds: null, pages: {} },
      { mermaid: ['chunks/a.js'], kinds: '', pages: {} },
      { mermaid: ['chunks/a.js'], kinds: 0, pages: {} },
      { mermaid: [['chunks/a.js']], kinds: {}, pages: {} },
      { mermaid: ['chunks/a.js'], kinds: 'erDiagram', pages: {} },
      { mermaid: ['chunks/a.js'], kinds: { erDiagram: 'chunks/b.js' }, pages: {} },
      { mermaid: ['chunks/a.js'], kinds: { erDiagram: ['chunks/b.js'], flowchart: ['/abs/chunks/c.js'] }, pages: {} },
      { mermaid: ['x/chunks/a.js'], kinds: {}, pages: {} },
      { mermaid: ['chunks/a.js.map'], kinds: {}, pages: {} },
      { mermaid: ['chunks/sub/a.js'], kinds: {}, pages: {} },
    ]) {
      assert.equal(isPreloadManifest(bad), false, JSON.stringify(bad));
    }
  });

  it("preloads mermaid's core and each kind's own chunks once, and nothing for an unknown kind alone", () => {
    assert.deepEqual(chunksToPreload(manifest, ['erDiagram', 'flowchart', 'gantt']), [
      'chunks/mermaid.core-QX4VZ2.js',
      'chunks/chunk-7HL2.js',
      'chunks/erDiagram-Q7BY.js',
      'chunks/flowDiagram-9A.js',
      'chunks/chunk-K2.js',
    ]);
    assert.deepEqual(chunksToPreload(manifest, ['gantt']), manifest.mermaid);
    assert.deepEqual(chunksToPreload(manifest, ['toString']), manifest.mermaid, 'only the manifest\'s own kinds');
    assert.deepEqual(chunksToPreload(manifest, new Set<string>()), []);
  });

  it('reads the kinds still to draw from a rendered note, skipping diagrams shown from the cache', () => {
    const context = { topicIdForFile: () => undefined, hasTopic: () => true };
    const body = '# Flows\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n```mermaid\n%% the login\nsequenceDiagram\n  A->>B: hi\n```\n\n```mermaid\nflowchart TD\n  C --> D\n```\n';
    const { html } = renderNote({ file: 'file:///n.md', body, bodyLine: 1 }, context);
    assert.deepEqual([...kindsToDraw(html)], ['flowchart', 'sequenceDiagram']);
    const cached = html.replace(/(<div class="nexus-diagram"[^>]*data-kind="flowchart")>/g, '$1 data-cached="https://file+.vscode-resource/x.svg">');
    assert.deepEqual([...kindsToDraw(cached)], ['sequenceDiagram']);
    assert.deepEqual([...kindsToDraw('<div class="nexus-diagram" data-diagram="x1"></div><div class="nexus-diagram" data-kind="">x</div><div class="other" data-kind="erDiagram"></div>')], []);
  });
});

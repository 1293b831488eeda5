import * as assert from 'node:assert/strict';
import { chunksToPreload, isPreloadManifest, kindsToDraw, pagePreloads, type PreloadManifest } from '../../src/core/markdown/diagramPreloads';
import { renderNote } from '../../src/core/renderNote';

const context = { topicIdForFile: () => undefined, hasTopic: () => true };
/** Shaped as esbuild.mjs writes dist/webview/preloads.js (the packaging test checks the real one). */
const manifest: PreloadManifest = {
  mermaid: ['chunks/mermaid.core-AAAA1111.js', 'chunks/chunk-SHARED01.js'],
  kinds: {
    erDiagram: ['chunks/erDiagram-RLTQ6QDP-BBBB2222.js', 'chunks/dagre-GXQ25YYZ-CCCC3333.js'],
    sequenceDiagram: ['chunks/sequenceDiagram-WJ2MYXX4-DDDD4444.js', 'chunks/chunk-SHARED01.js'],
  },
  pages: { 'note.js': ['chunks/chunk-PAGE0001.js', 'chunks/chunk-SHARED01.js'] },
};

describe('the chunks a note page preloads for its diagrams', () => {
  it('preloads only for diagrams still to draw, and nothing for a note without any', () => {
    const note = renderNote({ file: 'file:///n.md', body: '# A\n\n```mermaid\nerDiagram\n  A ||--o{ B : has\n```\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n\n```mermaid\nunknownThing\n```\n', bodyLine: 1 }, context);
    assert.deepEqual([...kindsToDraw(note.html)], ['erDiagram', 'sequenceDiagram', 'unknownThing']);
    assert.deepEqual(chunksToPreload(manifest, kindsToDraw(note.html)), [
      'chunks/mermaid.core-AAAA1111.js',
      'chunks/chunk-SHARED01.js',
      'chunks/erDiagram-RLTQ6QDP-BBBB2222.js',
      'chunks/dagre-GXQ25YYZ-CCCC3333.js',
      'chunks/sequenceDiagram-WJ2MYXX4-DDDD4444.js',
    ]);
    // The SVG cache marks a diagram it shows as an image (svgCache.markCached): that one needs no mermaid.
    const cached = note.html.replace(/(<div class="nexus-diagram" data-diagram="\w+" data-line="\d+" data-kind="erDiagram")>/, '$1 data-cached="https://x/y.svg">');
    assert.deepEqual([...kindsToDraw(cached)], ['sequenceDiagram', 'unknownThing']);
    assert.deepEqual(chunksToPreload(manifest, kindsToDraw(cached)), ['chunks/mermaid.core-AAAA1111.js', 'chunks/chunk-SHARED01.js', 'chunks/sequenceDiagram-WJ2MYXX4-DDDD4444.js']);
    assert.deepEqual(chunksToPreload(manifest, ['unknownThing']), manifest.mermaid, 'a kind the build does not know: mermaid alone');
    assert.deepEqual(chunksToPreload(manifest, kindsToDraw(renderNote({ file: 'file:///n.md', body: '# Plain\n', bodyLine: 1 }, context).html)), []);
    assert.deepEqual(chunksToPreload(manifest, ['constructor', 'toString']), manifest.mermaid, 'no inherited property is a kind');
  });

  it('preloads the page script and its own chunks first, then mermaid for the diagrams still to draw, each once', () => {
    assert.deepEqual(pagePreloads(manifest, 'note.js', ['sequenceDiagram']), [
      'note.js',
      'chunks/chunk-PAGE0001.js',
      'chunks/chunk-SHARED01.js',
      'chunks/mermaid.core-AAAA1111.js',
      'chunks/sequenceDiagram-WJ2MYXX4-DDDD4444.js',
    ]);
    assert.deepEqual(pagePreloads(manifest, 'note.js', []), ['note.js', 'chunks/chunk-PAGE0001.js', 'chunks/chunk-SHARED01.js'], 'every diagram drawn before: no mermaid');
    assert.deepEqual(pagePreloads(manifest, 'review.js', []), ['review.js'], 'a script the manifest does not list: itself');
    assert.deepEqual(pagePreloads(manifest, 'toString', []), ['toString'], 'no inherited property is a page');
  });

  it('refuses a manifest whose paths leave the chunks folder', () => {
    assert.equal(isPreloadManifest({ ...manifest, pages: { 'note.js': ['../extension.js'] } }), false);
    assert.equal(isPreloadManifest({ mermaid: manifest.mermaid, kinds: manifest.kinds }), false, 'a build without pages');
    assert.equal(isPreloadManifest({ mermaid: ['../../extension.js'], kinds: {}, pages: {} }), false);
    assert.equal(isPreloadManifest({ mermaid: ['chunks/a.js'], kinds: { erDiagram: ['https://cdn.example/x.js'] }, pages: {} }), false);
    assert.equal(isPreloadManifest({ mermaid: ['chunks/a.js'] }), false);
    assert.equal(isPreloadManifest({ mermaid: ['chunks/a.js'], kinds: null, pages: {} }), false);
    assert.equal(isPreloadManifest(null), false);
    assert.ok(isPreloadManifest(manifest));
  });
});

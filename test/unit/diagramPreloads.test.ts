import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chunksToPreload, isPreloadManifest, kindsToDraw, type PreloadManifest } from '../../src/core/markdown/diagramPreloads';
import { renderNote } from '../../src/core/renderNote';
import { repoRoot } from '../harness/paths';

const webviewDir = path.join(repoRoot, 'dist', 'webview');
const context = { topicIdForFile: () => undefined, hasTopic: () => true };

/** The manifest of the build `npm test` packaged before this layer runs. */
function builtManifest(): PreloadManifest {
  const data: unknown = JSON.parse(fs.readFileSync(path.join(webviewDir, 'preloads.js'), 'utf8'));
  assert.ok(isPreloadManifest(data), 'dist/webview/preloads.js has the shape the extension reads');
  return data;
}

describe('the chunks a note page preloads for its diagrams', () => {
  it('lists, for every diagram kind the bundled notes draw, chunks the build made', () => {
    const manifest = builtManifest();
    const topics = path.join(repoRoot, 'content', 'topics');
    const kinds = new Set(
      fs.readdirSync(topics, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.md'))
        .flatMap((file) => renderNote({ file: 'file:///n.md', body: fs.readFileSync(path.join(topics, file), 'utf8'), bodyLine: 1 }, context).diagrams.map((diagram) => diagram.kind)),
    );
    assert.deepEqual([...kinds].sort(), ['erDiagram', 'flowchart', 'sequenceDiagram', 'stateDiagram-v2']);
    for (const kind of kinds) {
      const chunks = chunksToPreload(manifest, [kind]);
      assert.ok(chunks.some((chunk) => /^chunks\/mermaid\.core-/.test(chunk)), `${kind}: mermaid's core`);
      assert.ok(manifest.kinds[kind].length > 0, `${kind}: its own chunks`);
      for (const chunk of chunks) {
        assert.ok(fs.existsSync(path.join(webviewDir, chunk)), `${chunk} is in dist/webview`);
      }
    }
  });

  it('preloads only for diagrams still to draw, and nothing for a note without any', () => {
    const manifest = builtManifest();
    const note = renderNote({ file: 'file:///n.md', body: '# A\n\n```mermaid\nerDiagram\n  A ||--o{ B : has\n```\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n\n```mermaid\nunknownThing\n```\n', bodyLine: 1 }, context);
    assert.deepEqual([...kindsToDraw(note.html)], ['erDiagram', 'sequenceDiagram', 'unknownThing']);
    // The SVG cache marks a diagram it shows as an image (svgCache.markCached): that one needs no mermaid.
    const cached = note.html.replace(/(<div class="nexus-diagram" data-diagram="\w+" data-line="\d+" data-kind="erDiagram")>/, '$1 data-cached="https://x/y.svg">');
    assert.deepEqual([...kindsToDraw(cached)], ['sequenceDiagram', 'unknownThing']);
    const chunks = chunksToPreload(manifest, kindsToDraw(cached));
    assert.deepEqual(chunks, [...new Set([...manifest.mermaid, ...manifest.kinds.sequenceDiagram])]);
    assert.ok(!chunks.some((chunk) => /erDiagram/.test(chunk)));
    assert.deepEqual(chunksToPreload(manifest, kindsToDraw(renderNote({ file: 'file:///n.md', body: '# Plain\n', bodyLine: 1 }, context).html)), []);
  });

  it('refuses a manifest whose paths leave the chunks folder', () => {
    assert.equal(isPreloadManifest({ mermaid: ['../../extension.js'], kinds: {} }), false);
    assert.equal(isPreloadManifest({ mermaid: ['chunks/a.js'], kinds: { erDiagram: ['https://cdn.example/x.js'] } }), false);
    assert.equal(isPreloadManifest({ mermaid: ['chunks/a.js'] }), false);
    assert.ok(isPreloadManifest({ mermaid: ['chunks/a.js'], kinds: { erDiagram: ['chunks/b-1.js'] } }));
  });
});

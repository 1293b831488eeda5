import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser } from 'htmlparser2';
import { splitFrontMatter } from '../../src/core/frontMatter';
import { snippetSection } from '../../src/core/markdown/snippetSection';
import { withVersionsLine } from '../../src/core/markdown/versionsLine';
import { highlightPending } from '../../src/core/highlight';
import { renderNote, type RenderContext } from '../../src/core/renderNote';
import { hostileCorpusDir as hostileDir } from '../harness/paths';

const NOTE = 'file:///notes/data/orm.md';
const context: RenderContext = {
  topicIdForFile: (uri) => ({ 'file:///notes/data/indexing.md': 'indexing', 'file:///notes/caching/redis.md': 'redis' })[uri],
  hasTopic: (id) => ['indexing', 'redis', 'orm'].includes(id),
  imageSrc: (uri) => (uri.startsWith('file:///notes/') ? `https://webview.local${new URL(uri).pathname}` : undefined),
};

function render(body: string, bodyLine = 1) {
  return renderNote({ file: NOTE, body, bodyLine }, context);
}

interface Element {
  name: string;
  attributes: Record<string, string>;
}

/** Every element of the HTML as a browser's parser would see it. */
function elements(html: string): Element[] {
  const found: Element[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => found.push({ name, attributes }) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return found;
}

/** What our renderer may emit: anything else in the output came from the note and is a hole. */
const SAFE_ELEMENTS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'a', 'img',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'div', 'span', 'input', 'details', 'summary', 'kbd', 'sub',
  'sup', 'mark', 'b', 'i', 's', 'del', 'ins', 'small',
]);
const SAFE_ATTRIBUTES = new Set(['id', 'class', 'href', 'src', 'alt', 'title', 'loading', 'type', 'disabled', 'checked', 'open', 'style', 'start', 'data-topic', 'data-anchor', 'data-external', 'data-architecture', 'data-diagram', 'data-line', 'data-kind', 'data-lang', 'data-snippet']);

function assertInert(html: string): void {
  for (const element of elements(html)) {
    assert.ok(SAFE_ELEMENTS.has(element.name), `unexpected <${element.name}>`);
    for (const [name, value] of Object.entries(element.attributes)) {
      assert.ok(SAFE_ATTRIBUTES.has(name), `unexpected attribute ${name} on <${element.name}>`);
      if (name === 'href') {
        assert.match(value, /^(#|https?:\/\/)/, `href ${value}`);
      }
      if (name === 'src') {
        assert.match(value, /^https:\/\/webview\.local\//, `src ${value}`);
      }
      if (name === 'style') {
        assert.match(value, /^text-align:(left|right|center)$/, `style ${value}`);
      }
    }
  }
}

describe('the snippet section of a note', () => {
  it('lists each snippet with its DRF original and an Insert button, escaped', () => {
    const html = snippetSection([{ prefix: 'drf-serializer', original: 'Serializer <with> "validate"' }]);
    assert.match(html, /<h2 id="nexus-snippets">TypeScript snippets for this topic<\/h2>/);
    assert.match(html, /<code>drf-serializer<\/code> <span class="nexus-snippet-original">Serializer &lt;with&gt; &quot;validate&quot;<\/span> <button type="button" class="nexus-button" data-insert-snippet="drf-serializer">Insert<\/button>/);
    assert.equal(snippetSection([]), '');
  });
});

describe('source lines for a preview', () => {
  it('marks every block with the file line it starts on, only when asked', () => {
    const body = '# Title\n\nA paragraph.\n\n- one\n- two\n\n> quote\n\n```python\nx = 1\n```\n\n| a |\n| - |\n| 1 |\n';
    const marked = renderNote({ file: NOTE, body, bodyLine: 5 }, { ...context, sourceLines: true }).html;
    const lines = [...marked.matchAll(/<(\w+)[^>]*data-line="(\d+)"/g)].map(([, tag, line]) => `${tag}:${line}`);
    assert.deepEqual(lines, ['h1:5', 'p:7', 'ul:9', 'li:9', 'li:10', 'blockquote:12', 'p:12', 'div:14', 'table:18', 'thead:18', 'tr:18', 'tbody:20', 'tr:20']);
    assert.doesNotMatch(render(body, 5).html.replace(/<div class="nexus-code" data-line="\d+"/g, ''), /data-line/);
  });
});

describe('the versions line of a note', () => {
  it('sits right under the title, escaped, and is absent when the note names no versions', () => {
    const note = render('# Caching\n\nText.').html;
    const html = withVersionsLine(note, ['Django 5.2 LTS', 'Redis <7.4>']);
    assert.match(html, /^<h1[^>]*>.*Caching.*<\/h1>\n<p class="nexus-versions">Teaches <span>Django 5\.2 LTS<\/span> · <span>Redis &lt;7\.4&gt;<\/span><\/p>\n<p>Text\.<\/p>/s);
    assert.equal(withVersionsLine(note, []), note);
    assert.match(withVersionsLine('<p>No title.</p>', ['DRF 3.16']), /^<p class="nexus-versions">Teaches <span>DRF 3\.16<\/span><\/p>\n<p>No title/);
  });
});

describe('rendering a note', () => {
  it('renders headings with GitHub-style unique anchors and lists them', () => {
    const note = render('# The ORM\n\n## Pitfalls\n\n## Pitfalls\n\n### `select_related` & co.\n');
    assert.match(note.html, /<h2 id="pitfalls">Pitfalls<\/h2>/);
    assert.match(note.html, /<h2 id="pitfalls-1">Pitfalls<\/h2>/);
    assert.deepEqual(
      note.headings.map((h) => [h.level, h.slug]),
      [[1, 'the-orm'], [2, 'pitfalls'], [2, 'pitfalls-1'], [3, 'select_related--co']],
    );
  });

  it('renders tables, task lists and self-check details', () => {
    const note = render('| a | b |\n|:-|-:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n<details>\n<summary>Why?</summary>\n\nBecause **N+1**.\n\n</details>\n');
    assert.match(note.html, /<table>[\s\S]*<th style="text-align:left">a<\/th>/);
    assert.match(note.html, /<li class="nexus-task"><input type="checkbox" disabled checked> done<\/li>/);
    assert.match(note.html, /<input type="checkbox" disabled> todo/);
    assert.match(note.html, /<details>\s*<summary>Why\?<\/summary>[\s\S]*<strong>N\+1<\/strong>[\s\S]*<\/details>/);
    assertInert(note.html);
  });

  it('turns GitHub alerts into titled callouts and leaves plain quotes alone', () => {
    const note = render('> [!WARNING]\n> Do not loop queries.\n\n> Just a quote.\n');
    assert.match(note.html, /<blockquote class="nexus-callout nexus-callout-warning">\s*<p class="nexus-callout-title">Warning<\/p>\s*<p>Do not loop queries.<\/p>/);
    assert.match(note.html, /<blockquote>\s*<p>Just a quote.<\/p>/);
  });

  it('starts a callout with its words when the marker line ends in a hard break (two trailing spaces)', () => {
    const body = '> Do not loop queries.  \n> Fetch with select_related.\n';
    const plain = render(`> [!WARNING]\n${body}`).html;
    assert.equal(render(`> [!WARNING]  \n${body}`).html, plain);
    assert.equal(render(`> [!WARNING]   \n${body}`).html, plain);
    // Only the marker's break goes: a hard break the note writes inside the callout stays.
    assert.match(plain, /<p class="nexus-callout-title">Warning<\/p>\s*<p>Do not loop queries.<br>\s*Fetch with select_related.<\/p>/);
  });

  it('highlights code and ties blocks to snippets', () => {
    const note = render('```python snippet=drf-serializer\nclass A:\n    pass\n```\n\n```\nplain <b>\n```\n', 10);
    assert.match(note.html, /<div class="nexus-code" data-line="10" data-lang="python" data-snippet="drf-serializer"><pre><code class="hljs language-python"><span class="hljs-keyword">class<\/span>/);
    assert.match(note.html, /<code class="hljs">plain &lt;b&gt;/);
  });

  it('with deferHighlight, shows code never highlighted before plain, lists it, and has it coloured next time', () => {
    const body = '```python\nclass DeferredPage:\n    pass\n```\n\n```\nplain\n```\n';
    const deferred = { ...context, deferHighlight: true };
    const first = renderNote({ file: NOTE, body, bodyLine: 3 }, deferred);
    assert.equal(first.highlights.length, 1, 'only the block in a known language waits for colours');
    const [pending] = first.highlights;
    assert.equal(pending.language, 'python');
    assert.match(first.html, new RegExp(`<div class="nexus-code" data-line="3" data-lang="python" data-highlight="${pending.id}"><pre><code class="hljs language-python">class DeferredPage:`));
    const [colours] = highlightPending(first.highlights);
    assert.equal(colours.id, pending.id);
    assert.match(colours.html, /^<span class="hljs-keyword">class<\/span> <span class="hljs-title class_">DeferredPage<\/span>/);
    const again = renderNote({ file: NOTE, body, bodyLine: 3 }, deferred);
    assert.deepEqual(again.highlights, []);
    assert.match(again.html, /<div class="nexus-code" data-line="3" data-lang="python"><pre><code class="hljs language-python"><span class="hljs-keyword">class<\/span>/);
  });

  it('leaves mermaid fences as placeholders with their source, type, file line and a stable hash', () => {
    const body = 'Intro\n\n```mermaid\nerDiagram\n  USER ||--o{ POST : writes\n```\n';
    const first = render(body, 7);
    assert.deepEqual(first.diagrams.map((d) => [d.line, d.kind]), [[9, 'erDiagram']]);
    assert.match(first.html, /<div class="nexus-diagram" data-diagram="\w+" data-line="9" data-kind="erDiagram"><pre class="nexus-diagram-source">erDiagram\n {2}USER \|\|--o\{ POST : writes\n<\/pre><\/div>/);
    assert.equal(render(body).diagrams[0].hash, first.diagrams[0].hash);
    assert.notEqual(render(body.replace('writes', 'edits')).diagrams[0].hash, first.diagrams[0].hash);
  });

  it('links topics by relative path, by id and by topic: URI, anchors and external pages', () => {
    const note = render('[a](../data/indexing.md#b-tree) [b](redis) [c](topic:redis#ttl) [d](#pitfalls) [e](https://docs.djangoproject.com/)');
    assert.match(note.html, /<a href="#" data-topic="indexing" data-anchor="b-tree" class="nexus-link-topic">a<\/a>/);
    assert.match(note.html, /<a href="#" data-topic="redis" class="nexus-link-topic">b<\/a>/);
    assert.match(note.html, /<a href="#" data-topic="redis" data-anchor="ttl" class="nexus-link-topic">c<\/a>/);
    assert.match(note.html, /<a href="#pitfalls" data-anchor="pitfalls">d<\/a>/);
    assert.match(note.html, /<a href="https:\/\/docs.djangoproject.com\/" data-external="" class="nexus-link-external"/);
    assert.deepEqual(note.problems, []);
  });

  it('links to the architecture, and to one of its flows', () => {
    const note = render('[map](architecture:) and [cache path](architecture:cached-read)');
    assert.match(note.html, /<a href="#" data-architecture="" class="nexus-link-architecture">map<\/a>/);
    assert.match(note.html, /<a href="#" data-architecture="cached-read" class="nexus-link-architecture">cache path<\/a>/);
  });

  it('marks links to missing notes as broken, with the file line', () => {
    const note = render('text\n\n[gone](../data/missing.md)', 5);
    assert.match(note.html, /<a class="nexus-link-broken" title="No topic at ..\/data\/missing.md">gone<\/a>/);
    assert.deepEqual(note.problems, [{ line: 7, message: 'No topic at ../data/missing.md' }]);
  });

  it('resolves local images and refuses remote ones', () => {
    const note = render('![er](./img/er.png) ![pixel](https://example.com/p.png)');
    assert.match(note.html, /<img src="https:\/\/webview.local\/notes\/data\/img\/er.png" alt="er" loading="lazy">/);
    assert.match(note.html, /<span class="nexus-image-refused" title="Remote images are not loaded: https:\/\/example.com\/p.png">\[image: pixel\]<\/span>/);
  });

  it('shows script, iframe and handler injections as text', () => {
    const note = render('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\nInline <b onclick="x()">bold</b> and <a href="javascript:alert(1)">a</a>.\n');
    assert.match(note.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(note.html, /Inline <b>bold<\/b>/);
    assertInert(note.html);
  });
});


describe('the hostile corpus', () => {
  const files = fs.existsSync(hostileDir) ? fs.readdirSync(hostileDir).filter((name) => name.endsWith('.md') && name !== 'README.md') : [];

  it('is there to test against', () => {
    assert.ok(files.length >= 10, `hostile notes in ${hostileDir} (set NEXUS_HOSTILE_CORPUS)`);
  });

  for (const name of files) {
    it(`renders ${name} inert and fast`, () => {
      const text = fs.readFileSync(path.join(hostileDir, name), 'utf8');
      const split = splitFrontMatter(text);
      const started = process.hrtime.bigint();
      const note = renderNote({ file: `file:///hostile/${name}`, body: split.body, bodyLine: split.bodyLine }, context);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assertInert(note.html);
      // Not a timing test: a generous bound that only a runaway (quadratic) render would cross.
      assert.ok(ms < 5000, `${name} took ${ms} ms`);
    });
  }

  it('keeps the text after the injections', () => {
    const text = fs.readFileSync(path.join(hostileDir, 'html-injection.md'), 'utf8');
    const note = renderNote({ file: 'file:///hostile/html-injection.md', ...splitFrontMatter(text) }, context);
    assert.match(note.html, /Text after all of the above must still render\./);
    assert.match(note.html, /&lt;script&gt;window.__pwned = &#39;script-tag&#39;&lt;\/script&gt;/);
  });

  it('refuses every dangerous link scheme and keeps the safe ones', () => {
    const text = fs.readFileSync(path.join(hostileDir, 'link-schemes.md'), 'utf8');
    const note = renderNote({ file: 'file:///hostile/link-schemes.md', ...splitFrontMatter(text) }, context);
    const hrefs = elements(note.html).filter((e) => e.name === 'a' && 'href' in e.attributes).map((e) => e.attributes.href);
    assert.deepEqual(hrefs, ['https://docs.djangoproject.com/', '#link-schemes']);
    assert.ok(note.problems.length >= 9, `refused links are reported: ${note.problems.length}`);
  });
});

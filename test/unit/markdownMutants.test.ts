/**
 * What a rendered note shows for the less common markdown: raw HTML and entities, links and images Nexus refuses,
 * task lists, callouts, and the sections it appends. Written against the Stryker survivors of src/core/markdown/**
 * (npm run stryker); renderNote.test.ts covers the common cases.
 */
import * as assert from 'node:assert/strict';
import { highlightPending } from '../../src/core/highlight';
import { backlinkSection } from '../../src/core/markdown/backlinkSection';
import { escapeHtmlKeepingEntities } from '../../src/core/markdown/escape';
import { sanitizeHtml } from '../../src/core/markdown/htmlAllowList';
import { snippetSection } from '../../src/core/markdown/snippetSection';
import { withVersionsLine } from '../../src/core/markdown/versionsLine';
import { renderNote, type RenderContext } from '../../src/core/renderNote';

const FILE = 'file:///notes/caching/redis.md';
const context: RenderContext = {
  topicIdForFile: (uri) => (uri === 'file:///notes/data/orm.md' ? 'orm' : undefined),
  hasTopic: (id) => id === 'orm' || id === 'redis',
};
const render = (body: string, ctx: RenderContext = context) => renderNote({ file: FILE, body, bodyLine: 10 }, ctx);

describe('raw HTML and entities in notes', () => {
  it('keeps the character references an author wrote and escapes everything else', () => {
    assert.equal(
      escapeHtmlKeepingEntities('AT&T &amp; &copy; &#39; &#x27; &#xA9; <b> "q" \'s &a; &#12345678; &#x1234567; &#xG1; &x1;'),
      'AT&amp;T &amp; &copy; &#39; &#x27; &#xA9; &lt;b&gt; &quot;q&quot; &#39;s &amp;a; &amp;#12345678; &amp;#x1234567; &amp;#xG1; &x1;',
    );
  });

  it('drops comments, keeps allowed tags bare, and keeps `open` on details only', () => {
    assert.equal(sanitizeHtml('<!-- TODO: fix --><kbd class="k">Ctrl</kbd><br/></br><!-- never closed'), '<kbd>Ctrl</kbd><br>');
    assert.equal(sanitizeHtml('<details open>'), '<details open>');
    assert.equal(sanitizeHtml('<details open class="x">'), '<details open>');
    assert.equal(sanitizeHtml('<details class="x" open="">'), '<details open>');
    assert.equal(sanitizeHtml('<details data-open>'), '<details>');
    assert.equal(sanitizeHtml('<details opened>'), '<details>');
    assert.equal(sanitizeHtml('<summary open>Answer</summary>'), '<summary>Answer</summary>');
  });
});

describe('links and images a note may not follow', () => {
  it('names each refused or broken link with its line, and marks topic links with their anchor only when given', () => {
    const note = render(
      [
        '[a](topic:nope) [b](//evil.example/a) [c](mailto:me@example.com) [d](http://example.com/x)',
        '',
        '[e](topic:orm#Select%20related) [f](topic:orm) [g](orm#pitfalls) [h](../data/orm.md)',
      ].join('\n'),
    );
    assert.deepEqual(note.problems, [
      { line: 10, message: 'No topic "nope"' },
      { line: 10, message: 'Links with this form are not followed from notes' },
      { line: 10, message: 'Links with "mailto:" are not followed from notes' },
    ]);
    assert.match(note.html, /<a href="http:\/\/example\.com\/x" data-external="" class="nexus-link-external" title="http:\/\/example\.com\/x">d<\/a>/);
    assert.match(note.html, /<a href="#" data-topic="orm" data-anchor="Select related" class="nexus-link-topic">e<\/a>/);
    assert.match(note.html, /<a href="#" data-topic="orm" class="nexus-link-topic">f<\/a>/);
    assert.match(note.html, /<a href="#" data-topic="orm" data-anchor="pitfalls" class="nexus-link-topic">g<\/a>/);
    assert.match(note.html, /<a href="#" data-topic="orm" class="nexus-link-topic">h<\/a>/);
  });

  it('follows an absolute path or one with a doubled slash inside, not one that starts with two', () => {
    const note = render('[a](/notes/data/orm.md) [b](../data//orm.md)');
    assert.deepEqual(note.problems, [{ line: 10, message: 'No topic at ../data//orm.md' }]);
    assert.match(note.html, /<a href="#" data-topic="orm" class="nexus-link-topic">a<\/a>/);
  });

  it('loads local images through the host only, and says why an image is not shown', () => {
    const imageSrc = (uri: string) => (uri.endsWith('.png') ? `https://file+.vscode-resource/${uri.slice('file:///'.length)}` : undefined);
    const note = render('![flow](img//flow.png) ![root](/abs/root.png) ![cdn](//cdn.example/x.png) ![ftp](ftp://mirror.example/x.png) ![web](http://example.com/x.png) ![doc](notes.pdf)', { ...context, imageSrc });
    assert.deepEqual(note.problems.map((problem) => problem.message), [
      'Images with this address are not loaded: //cdn.example/x.png',
      'Images with this address are not loaded: ftp://mirror.example/x.png',
      'Remote images are not loaded: http://example.com/x.png',
      'No image at notes.pdf',
    ]);
    assert.match(note.html, /<img src="https:\/\/file\+\.vscode-resource\/notes\/caching\/img\/\/flow\.png" alt="flow" loading="lazy">/);
    assert.match(note.html, /<img src="https:\/\/file\+\.vscode-resource\/abs\/root\.png" alt="root" loading="lazy">/);
    assert.deepEqual(render('![flow](flow.png)').problems, [{ line: 10, message: 'No image at flow.png' }], 'a host that loads no images');
  });
});

describe('task lists, callouts and fences', () => {
  it('gives a checkbox only to an item that starts with a box, and keeps the text after it', () => {
    const { html } = render('- [x]  Two spaces\n- Mark a task with [x] then a space\n');
    assert.match(html, /<li class="nexus-task"><input type="checkbox" disabled checked> Two spaces<\/li>/);
    assert.match(html, /<li>Mark a task with \[x\] then a space<\/li>/);
  });

  it('makes a callout only of a quote that starts with the marker, alone on its line', () => {
    assert.doesNotMatch(render('> Write it as [!TIP]\n> then the text.\n').html, /nexus-callout/);
    assert.doesNotMatch(render('> [!QUESTION]\n> Why a TTL?\n').html, /nexus-callout/, 'not a kind GitHub knows');
    assert.doesNotMatch(render('> ## [!NOTE]\n> A heading in a quote.\n').html, /nexus-callout/, 'only a paragraph starts a callout');
    assert.match(render('> [!NOTE]\n').html, /<blockquote class="nexus-callout nexus-callout-note">\n<p class="nexus-callout-title">Note<\/p>/);
    assert.match(render('> [!WARNING] \n> Mind the TTL.\n').html, /<p class="nexus-callout-title">Warning<\/p>\n<p>Mind the TTL\.<\/p>/);
  });

  it('colours a deferred block in a known language, and leaves one in another language plain', () => {
    assert.deepEqual(highlightPending([{ id: 'b1', language: 'cobol', code: 'DISPLAY "HI".' }]), [{ id: 'b1', html: '' }]);
    assert.match(highlightPending([{ id: 'b2', language: 'py', code: 'def f(): pass' }])[0].html, /<span class="hljs-keyword">def<\/span>/);
  });

  it('names a diagram with no type `unknown`, and ties a block only to a whole snippet= word', () => {
    assert.deepEqual(render('```mermaid\n```\n').diagrams.map((diagram) => diagram.kind), ['unknown']);
    const { html } = render('```ts xsnippet=drf-a\nconst a = 1;\n```\n\n```ts snippet=drf-b!\nconst b = 2;\n```\n');
    assert.doesNotMatch(html, /data-snippet/);
  });
});

describe('heading anchors', () => {
  it('makes the anchor from the heading text, without tags, and `section` when nothing is left', () => {
    assert.deepEqual(render('## Press <kbd>Ctrl</kbd>+C\n\n## ???\n').headings.map((heading) => heading.slug), ['press-ctrlc', 'section']);
  });
});

describe('the sections a note ends with', () => {
  it('puts the versions line under the title, without an empty line', () => {
    assert.equal(
      withVersionsLine('<h1 id="redis">Redis</h1><p>Text</p>\n', ['Redis 7.4', 'django-redis 5.4']),
      '<h1 id="redis">Redis</h1>\n<p class="nexus-versions">Teaches <span>Redis 7.4</span> · <span>django-redis 5.4</span></p>\n<p>Text</p>\n',
    );
  });

  it('lists each snippet and each linking note on its own line', () => {
    assert.equal(
      snippetSection([
        { prefix: 'drf-cache-page', original: 'cache_page' },
        { prefix: 'drf-throttle', original: 'UserRateThrottle' },
      ]),
      '<section class="nexus-snippets">\n<h2 id="nexus-snippets">TypeScript snippets for this topic</h2>\n' +
        '<p>Type the prefix in a TypeScript file, or insert one at the cursor.</p>\n<ul>\n' +
        '<li><code>drf-cache-page</code> <span class="nexus-snippet-original">cache_page</span> <button type="button" class="nexus-button" data-insert-snippet="drf-cache-page">Insert</button></li>\n' +
        '<li><code>drf-throttle</code> <span class="nexus-snippet-original">UserRateThrottle</span> <button type="button" class="nexus-button" data-insert-snippet="drf-throttle">Insert</button></li>\n' +
        '</ul>\n</section>\n',
    );
    assert.match(backlinkSection([{ id: 'orm', title: 'ORM' }, { id: 'redis', title: 'Redis' }]), /ORM<\/a><\/li>\n<li><a href="#" data-topic="redis"/);
  });
});

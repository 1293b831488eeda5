import * as assert from 'node:assert/strict';
import { applyTransform, expandSnippet, parseSnippet } from '../../src/core/snippets/expandSnippet';
import { loadSnippets } from '../../src/core/snippets/loadSnippets';

const expand = (body: string | string[], options?: Parameters<typeof expandSnippet>[1]): string => expandSnippet(body, options).text;

describe('expandSnippet', () => {
  it('keeps plain text and joins body lines with newlines', () => {
    assert.equal(expand(['const a = 1;', 'const b = 2;']), 'const a = 1;\nconst b = 2;');
  });

  it('expands tabstops to nothing and placeholders to their defaults', () => {
    assert.equal(expand('a$1b${2}c$0'), 'abc');
    assert.equal(expand('class ${1:Article} {}'), 'class Article {}');
    assert.equal(expand('${1:outer ${2:inner}} / $2'), 'outer inner / inner');
  });

  it('mirrors the first default of an index into every empty occurrence, before or after it', () => {
    assert.equal(expand('$1 = ${1:article}; ${1}s'), 'article = article; articles');
  });

  it('takes the first option of a choice, or the requested one', () => {
    assert.equal(expand("onDelete: '${1|cascade,restrict|}' $1"), "onDelete: 'cascade' cascade");
    assert.equal(expand('${1|cascade,restrict|}', { choices: { 1: 1 } }), 'restrict');
    assert.equal(expand('${1|cascade,restrict|}', { choices: { 1: 'restrict' } }), 'restrict');
    assert.throws(() => expand('${1|a,b|}', { choices: { 1: 'c' } }), /no option "c"/);
    assert.equal(expand('${1|a\\,b,c\\|d|}'), 'a,b');
  });

  it('applies values typed into a tabstop, and transforms on them', () => {
    assert.equal(expand('${1:article} ${1/(.*)/${1:/pascalcase}/}', { values: { 1: 'blog_post' } }), 'blog_post BlogPost');
  });

  it('applies the case formats VS Code knows', () => {
    const t = (format: string, value: string): string => expand(`\${1:${value}}|\${1/(.*)/\${1:/${format}}/}`).split('|')[1] ?? '';
    assert.equal(t('upcase', 'cascade'), 'CASCADE');
    assert.equal(t('downcase', 'ABC'), 'abc');
    assert.equal(t('capitalize', 'article'), 'Article');
    assert.equal(t('pascalcase', 'blog_post'), 'BlogPost');
    assert.equal(t('pascalcase', 'notify-followers'), 'NotifyFollowers');
    assert.equal(t('pascalcase', 'article'), 'Article');
    assert.equal(t('camelcase', 'blog_post'), 'blogPost');
    assert.equal(t('camelcase', 'Blog Post'), 'blogPost');
  });

  it('supports if/else format branches, group references and regex flags', () => {
    const body = "'./${1|pageNumber,limitOffset|}' -> ${1/(pageNumber)|.*/${1:?pagination:limit-offset}/}";
    assert.equal(expand(body), "'./pageNumber' -> pagination");
    assert.equal(expand(body, { choices: { 1: 1 } }), "'./limitOffset' -> limit-offset");
    assert.equal(expand('${1:x}${1/(x)/${1:+yes}/}'), 'xyes');
    assert.equal(expand('${1:}${1/^$/${1:-empty}/}'), 'empty');
    assert.equal(expand('${1:a-b-c}:${1/-/_/g}:${1/-/_/}'), 'a-b-c:a_b_c:a_b-c');
    assert.equal(expand('${1:Foo}:${1/(f)(o+)/$2${2}$1/i}'), 'Foo:ooooF');
    assert.equal(expand('${1:key}:${1/(.*)/\\/${1}\\//}'), 'key:/key/');
  });

  it('runs the else branch when the regex does not match, as VS Code does', () => {
    assert.equal(expand('${1:abc}${1/(z)/${1:?Z:none}/}'), 'abcnone');
    assert.equal(expand('${1:abc}${1/(z)/X/}'), 'abcabc');
  });

  it('unescapes \\$, \\} and \\\\ and keeps other backslashes', () => {
    assert.equal(expand('`\\${id}` \\\\d \\s \\}'), '`${id}` \\d \\s }');
    assert.equal(expand('${1:{ a: 1 \\}}'), '{ a: 1 }');
  });

  it('treats a lone or malformed dollar as text', () => {
    assert.equal(expand('cost: $ 5, ${ x }, $/'), 'cost: $ 5, ${ x }, $/');
    assert.equal(expand('${1:unterminated'), '${1:unterminated');
  });

  it('reports variables, bare ones separately, and expands them like VS Code', () => {
    const result = expandSnippet('$TM_FILENAME ${UNKNOWN} ${CLIPBOARD:fallback} ${TM_FILENAME/(.*)/${1:/upcase}/}', {
      variables: { TM_FILENAME: 'app.ts' },
    });
    assert.deepEqual(result.variables, ['TM_FILENAME', 'UNKNOWN', 'CLIPBOARD', 'TM_FILENAME']);
    assert.deepEqual(result.bareVariables, ['TM_FILENAME', 'UNKNOWN', 'TM_FILENAME']);
    assert.equal(result.text, 'app.ts UNKNOWN fallback APP.TS');
  });

  it('lists tabstops in tab order with $0 last, and choices', () => {
    const result = expandSnippet('$0 ${2:b} ${1|x,y|} $3');
    assert.deepEqual(result.tabstops, [1, 2, 3, 0]);
    assert.deepEqual([...result.choices], [[1, ['x', 'y']]]);
  });

  it('parses into a tree and exposes transforms', () => {
    const [node] = parseSnippet('${1/(.*)/${1:/upcase}/g}');
    assert.equal(node?.kind, 'tabstop');
    assert.ok(node?.kind === 'tabstop' && node.transform);
    assert.equal(applyTransform(node.transform, 'ab'), 'AB');
  });
});

describe('loadSnippets', () => {
  it('reads prefix, description and body, joining array bodies', () => {
    const [snippet] = loadSnippets(JSON.stringify({ 'DRF: x': { prefix: 'drf-x', scope: 'typescript', description: 'X → Y', body: ['a', 'b'] } }));
    assert.deepEqual(snippet, { name: 'DRF: x', prefix: ['drf-x'], description: 'X → Y', body: 'a\nb', scope: 'typescript' });
  });

  it('rejects what is not a snippets file', () => {
    assert.throws(() => loadSnippets('[]'), /JSON object/);
    assert.throws(() => loadSnippets('{"x": {"prefix": 1, "body": "a"}}'), /string/);
  });
});

/**
 * The corners of VS Code's snippet grammar that expandSnippet.test.ts leaves open, each found by a Stryker mutant
 * that survived it (npm run stryker): the exact parse tree, malformed syntax kept as text, and the messages of bad
 * choices. Every `drf-` snippet and the composed API go through this parser.
 */
import * as assert from 'node:assert/strict';
import { applyTransform, expandSnippet, parseSnippet, type SnippetNode } from '../../src/core/snippets/expandSnippet';

const expand = (body: string, options?: Parameters<typeof expandSnippet>[1]): string => expandSnippet(body, options).text;
const text = (value: string): SnippetNode => ({ kind: 'text', value });

describe('snippet grammar corners', () => {
  it('merges adjacent text, escapes included, into one text node', () => {
    assert.deepEqual(parseSnippet('a\\$b\\}c\\\\d\\e'), [text('a$b}c\\d\\e')]);
    assert.deepEqual(parseSnippet('x $ y'), [text('x $ y')]);
    assert.deepEqual(parseSnippet(['one', 'two']), [text('one\ntwo')]);
  });

  it('parses tabstops, placeholders, variables and choices into their nodes', () => {
    assert.deepEqual(parseSnippet('$12${3}${4:d}$NAME${NAME}${NAME:x}${5|a,b|}'), [
      { kind: 'tabstop', index: 12, children: [] },
      { kind: 'tabstop', index: 3, children: [] },
      { kind: 'tabstop', index: 4, children: [text('d')] },
      { kind: 'variable', name: 'NAME', children: [], hasDefault: false },
      { kind: 'variable', name: 'NAME', children: [], hasDefault: false },
      { kind: 'variable', name: 'NAME', children: [text('x')], hasDefault: true },
      { kind: 'choice', index: 5, options: ['a', 'b'] },
    ]);
  });

  it('keeps malformed dollars, braces, choices and transforms as text', () => {
    for (const body of ['${}', '${ 1}', '${-1}', '$-', '${0|a,b|}', '${1|a,b}', '${1|a,|}', '${1|,a|}', '${1|a|x}', '${1|a', '${1/a/b', '${1/a/b/', '${1/(/x/}', '${1/a/b/z}', '${1?}']) {
      assert.equal(expand(body), body, body);
    }
  });

  it('keeps an unterminated placeholder as its opening text followed by what it parsed', () => {
    assert.equal(expand('${1:abc'), '${1:abc');
    assert.equal(expand('${NAME:abc $2 ${3:x}'), '${NAME:abc  x');
    assert.deepEqual(parseSnippet('${1:a$2'), [text('${1:a'), { kind: 'tabstop', index: 2, children: [] }]);
  });

  it('unescapes , | and \\ inside choice options only', () => {
    assert.deepEqual(expandSnippet('${1|a\\,b,c\\|d,e\\\\f,g\\h|}').choices.get(1), ['a,b', 'c|d', 'e\\f', 'g\\h']);
  });

  it('names the choice and its options when a requested option does not exist', () => {
    assert.throws(() => expand('${2|a,b|}', { choices: { 2: 'z' } }), { message: 'Choice $2 has no option "z" (options: a, b).' });
    assert.throws(() => expand('${2|a,b|}', { choices: { 2: 2 } }), { message: 'Choice $2 has no option #2.' });
    assert.equal(expand('${2|a,b|}', { values: { 2: 'typed' } }), 'typed');
  });

  it('reads transform regexes with escaped slashes and flags, and formats with escapes', () => {
    const [node] = parseSnippet('${1/a\\/b/x\\/y\\\\z\\q/gi}');
    assert.ok(node?.kind === 'tabstop' && node.transform);
    assert.equal(node.transform.regexp.source, 'a\\/b');
    assert.equal(node.transform.regexp.flags, 'gi');
    assert.deepEqual(node.transform.format, [text('x/y\\z\\q')]);
    assert.equal(expand('${1:A/B a/b}${1/a\\/b/-/gi}'), 'A/B a/b- -');
  });

  it('parses every form of format group, and keeps a malformed one as text', () => {
    const format = (body: string) => {
      const [node] = parseSnippet(`\${1/(x)/${body}/}`);
      assert.ok(node?.kind === 'tabstop' && node.transform, body);
      return node.transform.format;
    };
    assert.deepEqual(format('$1${1}'), [
      { kind: 'group', group: 1 },
      { kind: 'group', group: 1 },
    ]);
    assert.deepEqual(format('${1:/upcase}'), [{ kind: 'group', group: 1, shorthand: 'upcase' }]);
    assert.deepEqual(format('${1:+yes}'), [{ kind: 'group', group: 1, ifValue: 'yes' }]);
    assert.deepEqual(format('${1:-no}'), [{ kind: 'group', group: 1, elseValue: 'no' }]);
    assert.deepEqual(format('${1:no}'), [{ kind: 'group', group: 1, elseValue: 'no' }]);
    assert.deepEqual(format('${1:?a:c\\}d}'), [{ kind: 'group', group: 1, ifValue: 'a', elseValue: 'c}d' }]);
    for (const malformed of ['$x', '${x}', '${1', '${1:+}', '${1:?a}', '${1:?a:}', '${1:?:b}', '${1:a\\b}', '${1!}']) {
      assert.equal(format(malformed).map((part) => (part.kind === 'text' ? part.value : '<group>')).join(''), malformed, malformed);
    }
  });

  it('resolves format groups like VS Code: unknown case names keep the value, empty values stay empty', () => {
    const transform = (format: string) => {
      const [node] = parseSnippet(`\${1/(.*)/${format}/}`);
      assert.ok(node?.kind === 'tabstop' && node.transform);
      return node.transform;
    };
    assert.equal(applyTransform(transform('${1:/nonsense}'), 'keep'), 'keep');
    assert.equal(applyTransform(transform('[${1:/upcase}]'), ''), '[]');
    assert.equal(applyTransform(transform('${1:+yes}'), ''), '');
    assert.equal(applyTransform(transform('${1:-no}'), 'v'), 'v');
    assert.equal(applyTransform(transform('${1:-no}'), ''), 'no');
    assert.equal(applyTransform(transform('<$2>'), 'abc'), '<>');
    assert.equal(expand('${1:one two}${1/(.*)/${1:/capitalize}/}'), 'one twoOne two');
    assert.equal(expand('${1:$%}${1/(.*)/${1:/pascalcase}|${1:/camelcase}/}'), '$%$%|$%');
  });

  it('renders the else branch of an unmatched transform only when the format has one', () => {
    assert.equal(expand('${1:abc}|${1/(z)/${1:+yes}/}'), 'abc|abc');
    assert.equal(expand('${1:abc}|${1/(z)/<${1:-no}>/}'), 'abc|<no>');
  });

  it('expands variables: given values, transforms on them, defaults, and the bare name', () => {
    const body = '$TM_FILENAME_BASE|${TM_FILENAME_BASE/(.*)/${1:/upcase}/}|${UNKNOWN:fallback $1}|${UNKNOWN/(.*)/[$1]/}|$UNKNOWN';
    assert.equal(expand(body, { variables: { TM_FILENAME_BASE: 'models' } }), 'models|MODELS|fallback |[]|UNKNOWN');
    assert.equal(expand('${NAME:default}', { variables: { NAME: '' } }), '');
    const result = expandSnippet(body);
    assert.deepEqual(result.variables, ['TM_FILENAME_BASE', 'TM_FILENAME_BASE', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
    assert.deepEqual(result.bareVariables, ['TM_FILENAME_BASE', 'TM_FILENAME_BASE', 'UNKNOWN', 'UNKNOWN']);
  });

  it('takes the first non-empty default of an index, and expands $0 in place', () => {
    assert.equal(expand('${1:}|${1:first}|${1:second}|$1'), 'first|first|first|first');
    assert.equal(expand('a${0:end}b$0c'), 'aendbc');
    assert.equal(expand('${1:self $1 ref}'), 'self  ref');
    assert.deepEqual(expandSnippet('$0 $3 ${1|a,b|} $2 ${1|c,d|}').tabstops, [1, 2, 3, 0]);
    assert.deepEqual([...expandSnippet('${1|a,b|} ${1|c,d|}').choices], [[1, ['a', 'b']]]);
    assert.equal(expand('${1|a,b|} ${1|c,d|} $1'), 'a c a');
  });
});

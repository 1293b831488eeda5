/**
 * A fast path for the front matter notes actually carry — `key: plain scalar`, quoted strings, numbers, `[a, b]` and
 * `- item` lists — because the full `yaml` library was the largest single cost of a first load of 10,000 notes.
 * It yields exactly what `parseDocument(…).toJSON()` yields for such text, and gives up (undefined) on anything
 * else so that `yaml` reads it and every error keeps its own message and line. Giving up is always safe; accepting
 * is only allowed where the answer is certain (test/unit/simpleYaml.test.ts compares both over every note).
 */

export interface SimpleMapping {
  values: Map<string, unknown>;
  /** 0-based line of each key within the text. */
  keyLines: Map<string, number>;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: +(.*))?$/;
const LIST_ITEM = /^( *)- +(.*)$/;
// Characters the fast path leaves to `yaml`: every control character but the line feed (tab and CR included), the
// no-break space, and the line and byte-order marks; a whole front matter holding one is read by `yaml`.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const AWKWARD = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00a0\u2028\u2029\ufeff]/;
// Words the core schema reads as null or booleans, and every form of number it knows; a key or value like these
// goes to `yaml`, except the plain decimal integers resolved below.
const SPECIAL = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER_LIKE = /^[-+]?(?:[0-9.]|\.(?:inf|Inf|INF|nan|NaN|NAN)$)|^0[ox]/;
const INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
// Characters that may not start a plain scalar in block context (or start something else), or that may change its
// meaning inside one (`: ` starts a mapping, ` #` a comment).
const PLAIN_START = /^[^\s\-?:,[\]{}#&*!|>'"%@`~]/;
const PLAIN_TROUBLE = /: |:$| #/;
// The same in flow context, where `,[]{}` end a scalar and `:` may start a pair.
const FLOW_TROUBLE = /[,[\]{}#:]/;

/** The mapping in `text`, or undefined when the text uses anything beyond the simple forms. */
export function readSimpleMapping(text: string): SimpleMapping | undefined {
  if (AWKWARD.test(text)) {
    return undefined;
  }
  const lines = text.split('\n');
  const values = new Map<string, unknown>();
  const keyLines = new Map<string, number>();
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (/^ *$/.test(line)) {
      index += 1;
      continue;
    }
    const match = KEY_LINE.exec(line);
    if (!match || SPECIAL.test(match[1]) || values.has(match[1])) {
      return undefined;
    }
    const [, key, rest = ''] = match;
    keyLines.set(key, index);
    let value: unknown;
    const inline = rest.replace(/ +$/, '');
    if (inline === '') {
      const items: unknown[] = [];
      let indent: string | undefined;
      for (let next = index + 1; next < lines.length; next++) {
        const item = LIST_ITEM.exec(lines[next]);
        if (!item || (indent !== undefined && item[1] !== indent)) {
          // An indented line that is no list item continues the value somehow: `yaml` knows how.
          if (!item && /^ +\S/.test(lines[next])) {
            return undefined;
          }
          break;
        }
        indent = item[1];
        const scalar = readScalar(item[2].replace(/ +$/, ''), false);
        if (scalar === undefined) {
          return undefined;
        }
        items.push(scalar.value);
        index = next;
      }
      value = indent === undefined ? null : items;
    } else if (inline.startsWith('[')) {
      value = readFlowList(inline);
    } else {
      value = readScalar(inline, false)?.value;
    }
    if (value === undefined) {
      return undefined;
    }
    values.set(key, value);
    index += 1;
  }
  return values.size === 0 ? undefined : { values, keyLines };
}

/** `[a, "b", 3]` with every item a simple scalar, or undefined. */
function readFlowList(text: string): unknown[] | undefined {
  if (!text.endsWith(']')) {
    return undefined;
  }
  const inner = text.slice(1, -1);
  if (/^ *$/.test(inner)) {
    return [];
  }
  const items: unknown[] = [];
  for (const part of inner.split(',')) {
    const scalar = readScalar(part.trim(), true);
    if (scalar === undefined) {
      return undefined;
    }
    items.push(scalar.value);
  }
  return items;
}

/** One scalar as the core schema reads it, when it is a simple one: wrapped, so that `null` is a value too. */
function readScalar(text: string, flow: boolean): { value: unknown } | undefined {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    const inner = text.slice(1, -1);
    return /["\\]/.test(inner) || (flow && /[,[\]{}]/.test(inner)) ? undefined : { value: inner };
  }
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) {
    const inner = text.slice(1, -1);
    return /^(?:[^']|'')*$/.test(inner) && !(flow && /[,[\]{}]/.test(inner)) ? { value: inner.replace(/''/g, "'") } : undefined;
  }
  if (INTEGER.test(text) || DECIMAL.test(text)) {
    return { value: Number(text) };
  }
  if (!PLAIN_START.test(text) || SPECIAL.test(text) || NUMBER_LIKE.test(text) || PLAIN_TROUBLE.test(text) || (flow && FLOW_TROUBLE.test(text))) {
    return undefined;
  }
  return { value: text };
}

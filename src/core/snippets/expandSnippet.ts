/**
 * Expands a VS Code snippet body the way the editor leaves it when the user accepts every default:
 * placeholders take their default text (the first occurrence of an index that has one defines it for all mirrors),
 * choices take their first option, and transforms are applied as VS Code does when tabbing past a placeholder.
 * Pure TypeScript: no `vscode` import, so tests and tools can run it anywhere.
 */

export type SnippetNode = TextNode | TabstopNode | ChoiceNode | VariableNode;

export interface TextNode {
  kind: 'text';
  value: string;
}

export interface TabstopNode {
  kind: 'tabstop';
  index: number;
  children: SnippetNode[];
  transform?: Transform;
}

export interface ChoiceNode {
  kind: 'choice';
  index: number;
  options: string[];
}

export interface VariableNode {
  kind: 'variable';
  name: string;
  children: SnippetNode[];
  /** True when written as `${NAME:default}`. */
  hasDefault: boolean;
  transform?: Transform;
}

export type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; group: number; shorthand?: string; ifValue?: string; elseValue?: string };

export interface Transform {
  regexp: RegExp;
  format: FormatPart[];
}

export interface ExpandOptions {
  /** Text typed into a tabstop (by index), replacing its default and choices; transforms still apply. */
  values?: Readonly<Record<number, string>>;
  /** Which option (0-based position, or the option text) a choice tabstop takes. */
  choices?: Readonly<Record<number, number | string>>;
  /** Values of known variables such as TM_FILENAME_BASE; unknown ones expand to their default or their name. */
  variables?: Readonly<Record<string, string>>;
}

export interface ExpandResult {
  text: string;
  /** Every tabstop index used, ascending, `0` last when present. */
  tabstops: number[];
  /** Choice tabstops and their options. */
  choices: Map<number, string[]>;
  /** Names of every variable (`$NAME`, `${NAME}`, `${NAME:default}`) in the body, in order. */
  variables: string[];
  /** Variables written without a default (`$NAME`, `${NAME}`). */
  bareVariables: string[];
}

const CASES: Record<string, (value: string) => string> = {
  upcase: (value) => value.toLocaleUpperCase(),
  downcase: (value) => value.toLocaleLowerCase(),
  capitalize: (value) => value.charAt(0).toLocaleUpperCase() + value.slice(1),
  pascalcase: (value) => joinWords(value, true),
  camelcase: (value) => joinWords(value, false),
};

function joinWords(value: string, upperFirst: boolean): string {
  const words = value.match(/[a-z0-9]+/gi);
  if (!words) {
    return value;
  }
  return words
    .map((word, i) => (i === 0 && !upperFirst ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1))
    .join('');
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isNameStart = (ch: string | undefined): boolean => ch !== undefined && /[_a-zA-Z]/.test(ch);
const isNameChar = (ch: string | undefined): boolean => ch !== undefined && /[_a-zA-Z0-9]/.test(ch);

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parseAll(): SnippetNode[] {
    const out: SnippetNode[] = [];
    while (this.pos < this.src.length) {
      this.parseOne(out);
    }
    return out;
  }

  /** Parses one element into `out`; `}` is plain text here (callers that stop at `}` check before). */
  private parseOne(out: SnippetNode[]): void {
    const ch = this.src[this.pos];
    if (ch === '\\') {
      const next = this.src[this.pos + 1];
      if (next === '$' || next === '}' || next === '\\') {
        pushText(out, next);
        this.pos += 2;
      } else {
        pushText(out, '\\');
        this.pos += 1;
      }
      return;
    }
    if (ch === '$' && this.parseDollar(out)) {
      return;
    }
    pushText(out, ch ?? '');
    this.pos += 1;
  }

  private readWhile(test: (ch: string | undefined) => boolean): string {
    const start = this.pos;
    while (this.pos < this.src.length && test(this.src[this.pos])) {
      this.pos += 1;
    }
    return this.src.slice(start, this.pos);
  }

  private readName(): string {
    return isNameStart(this.src[this.pos]) ? this.readWhile(isNameChar) : '';
  }

  private parseDollar(out: SnippetNode[]): boolean {
    const start = this.pos;
    this.pos += 1; // $
    if (isDigit(this.src[this.pos])) {
      out.push({ kind: 'tabstop', index: Number(this.readWhile(isDigit)), children: [] });
      return true;
    }
    const simpleName = this.readName();
    if (simpleName) {
      out.push({ kind: 'variable', name: simpleName, children: [], hasDefault: false });
      return true;
    }
    if (this.src[this.pos] !== '{') {
      this.pos = start;
      return false;
    }
    this.pos += 1; // {
    const digits = this.readWhile(isDigit);
    const name = digits ? '' : this.readName();
    if (!digits && !name) {
      this.pos = start;
      return false;
    }
    const next = this.src[this.pos];
    if (next === '}') {
      this.pos += 1;
      out.push(digits ? { kind: 'tabstop', index: Number(digits), children: [] } : { kind: 'variable', name, children: [], hasDefault: false });
      return true;
    }
    if (next === ':') {
      this.pos += 1;
      const children: SnippetNode[] = [];
      while (this.pos < this.src.length) {
        if (this.src[this.pos] === '}') {
          this.pos += 1;
          out.push(digits ? { kind: 'tabstop', index: Number(digits), children } : { kind: 'variable', name, children, hasDefault: true });
          return true;
        }
        this.parseOne(children);
      }
      // Unterminated: VS Code keeps the opening as text followed by what it parsed.
      pushText(out, '${' + (digits || name) + ':');
      for (const child of children) {
        if (child.kind === 'text') {
          pushText(out, child.value);
        } else {
          out.push(child);
        }
      }
      return true;
    }
    if (next === '|' && digits && Number(digits) > 0) {
      this.pos += 1;
      const options = this.parseChoiceOptions();
      if (options) {
        out.push({ kind: 'choice', index: Number(digits), options });
        return true;
      }
      this.pos = start;
      return false;
    }
    if (next === '/') {
      this.pos += 1;
      const transform = this.parseTransform();
      if (transform) {
        out.push(digits ? { kind: 'tabstop', index: Number(digits), children: [], transform } : { kind: 'variable', name, children: [], hasDefault: false, transform });
        return true;
      }
    }
    this.pos = start;
    return false;
  }

  private parseChoiceOptions(): string[] | undefined {
    const options: string[] = [];
    for (;;) {
      let value = '';
      while (this.pos < this.src.length && this.src[this.pos] !== ',' && this.src[this.pos] !== '|') {
        const ch = this.src[this.pos] as string;
        const next = this.src[this.pos + 1];
        if (ch === '\\' && (next === ',' || next === '|' || next === '\\')) {
          value += next;
          this.pos += 2;
        } else {
          value += ch;
          this.pos += 1;
        }
      }
      if (this.pos >= this.src.length || value === '') {
        return undefined;
      }
      options.push(value);
      if (this.src[this.pos] === ',') {
        this.pos += 1;
        continue;
      }
      // `|` must be followed by `}`.
      if (this.src[this.pos + 1] !== '}') {
        return undefined;
      }
      this.pos += 2;
      return options;
    }
  }

  private parseTransform(): Transform | undefined {
    let source = '';
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) {
        return undefined;
      }
      this.pos += 1;
      if (ch === '/') {
        break;
      }
      if (ch === '\\' && this.src[this.pos] === '/') {
        source += '/';
        this.pos += 1;
      } else {
        source += ch;
      }
    }
    const format: FormatPart[] = [];
    const pushFormatText = (value: string): void => {
      const last = format[format.length - 1];
      if (last && last.kind === 'text') {
        last.value += value;
      } else {
        format.push({ kind: 'text', value });
      }
    };
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) {
        return undefined;
      }
      if (ch === '/') {
        this.pos += 1;
        break;
      }
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '\\' || next === '/') {
          pushFormatText(next);
          this.pos += 2;
        } else {
          pushFormatText('\\');
          this.pos += 1;
        }
        continue;
      }
      if (ch === '$') {
        const part = this.parseFormatGroup();
        if (part) {
          format.push(part);
          continue;
        }
      }
      pushFormatText(ch);
      this.pos += 1;
    }
    const flags = this.readWhile((c) => c !== '}');
    if (this.src[this.pos] !== '}') {
      return undefined;
    }
    this.pos += 1;
    try {
      return { regexp: new RegExp(source, flags), format };
    } catch {
      return undefined;
    }
  }

  private parseFormatGroup(): FormatPart | undefined {
    const start = this.pos;
    this.pos += 1; // $
    const braced = this.src[this.pos] === '{';
    if (braced) {
      this.pos += 1;
    }
    const digits = this.readWhile(isDigit);
    const fail = (): undefined => {
      this.pos = start;
      return undefined;
    };
    if (!digits) {
      return fail();
    }
    const group = Number(digits);
    if (!braced) {
      return { kind: 'group', group };
    }
    if (this.src[this.pos] === '}') {
      this.pos += 1;
      return { kind: 'group', group };
    }
    if (this.src[this.pos] !== ':') {
      return fail();
    }
    this.pos += 1;
    const mode = this.src[this.pos];
    if (mode === '/') {
      this.pos += 1;
      const shorthand = this.readName();
      if (!shorthand || this.src[this.pos] !== '}') {
        return fail();
      }
      this.pos += 1;
      return { kind: 'group', group, shorthand };
    }
    if (mode === '+' || mode === '-' || mode === '?') {
      this.pos += 1;
    }
    const first = this.readUntil(mode === '?' ? ':' : '}');
    if (!first) {
      return fail();
    }
    if (mode === '+') {
      return { kind: 'group', group, ifValue: first };
    }
    if (mode === '?') {
      const second = this.readUntil('}');
      return second ? { kind: 'group', group, ifValue: first, elseValue: second } : fail();
    }
    return { kind: 'group', group, elseValue: first };
  }

  /** Text up to `end` (consumed), with `\$`, `\}`, `\\` unescaped; empty string when absent or malformed. */
  private readUntil(end: string): string {
    let value = '';
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) {
        return '';
      }
      this.pos += 1;
      if (ch === end) {
        return value;
      }
      if (ch === '\\') {
        const next = this.src[this.pos];
        if (next !== '$' && next !== '}' && next !== '\\') {
          return '';
        }
        value += next;
        this.pos += 1;
      } else {
        value += ch;
      }
    }
  }
}

function pushText(out: SnippetNode[], value: string): void {
  const last = out[out.length - 1];
  if (last && last.kind === 'text') {
    last.value += value;
  } else {
    out.push({ kind: 'text', value });
  }
}

/** Parses a snippet body (lines joined with `\n` when given as an array). */
export function parseSnippet(body: string | readonly string[]): SnippetNode[] {
  return new Parser(typeof body === 'string' ? body : body.join('\n')).parseAll();
}

/** Applies a snippet transform to a value, as VS Code does. */
export function applyTransform(transform: Transform, value: string): string {
  let matched = false;
  const render = (groups: readonly (string | undefined)[]): string =>
    transform.format
      .map((part) => (part.kind === 'text' ? part.value : resolveFormat(part, groups[part.group] ?? '')))
      .join('');
  let result = value.replace(transform.regexp, (...args: unknown[]) => {
    matched = true;
    // replace() passes the match, its captures, then the numeric offset (captures are never numbers).
    return render(args.slice(0, args.findIndex((arg) => typeof arg === 'number')) as (string | undefined)[]);
  });
  if (!matched && transform.format.some((part) => part.kind === 'group' && part.elseValue)) {
    result = render([]);
  }
  return result;
}

function resolveFormat(part: Extract<FormatPart, { kind: 'group' }>, value: string): string {
  if (part.shorthand !== undefined) {
    const convert = CASES[part.shorthand];
    if (convert) {
      return value ? convert(value) : '';
    }
  }
  if (value && part.ifValue !== undefined) {
    return part.ifValue;
  }
  if (!value && part.elseValue !== undefined) {
    return part.elseValue;
  }
  return value;
}

function walk(nodes: readonly SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === 'tabstop' || node.kind === 'variable') {
      walk(node.children, visit);
    }
  }
}

/** Expands a snippet body with its defaults (or the given values and choices). */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): ExpandResult {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, SnippetNode[]>();
  const choices = new Map<number, string[]>();
  const indexes = new Set<number>();
  const variables: string[] = [];
  const bareVariables: string[] = [];
  walk(nodes, (node) => {
    if (node.kind === 'tabstop') {
      indexes.add(node.index);
      if (node.index !== 0 && !defaults.has(node.index) && node.children.length > 0) {
        defaults.set(node.index, node.children);
      }
    } else if (node.kind === 'choice') {
      indexes.add(node.index);
      if (!defaults.has(node.index)) {
        defaults.set(node.index, [node]);
      }
      if (!choices.has(node.index)) {
        choices.set(node.index, node.options);
      }
    } else if (node.kind === 'variable') {
      variables.push(node.name);
      if (!node.hasDefault) {
        bareVariables.push(node.name);
      }
    }
  });

  const active = new Set<number>();
  const valueOf = (index: number): string => {
    const typed = options.values?.[index];
    if (typed !== undefined) {
      return typed;
    }
    const children = defaults.get(index);
    if (!children || active.has(index)) {
      return '';
    }
    active.add(index);
    try {
      return render(children);
    } finally {
      active.delete(index);
    }
  };
  const chosen = (node: ChoiceNode): string => {
    const wanted = options.choices?.[node.index];
    if (typeof wanted === 'string') {
      if (!node.options.includes(wanted)) {
        throw new Error(`Choice $${node.index} has no option "${wanted}" (options: ${node.options.join(', ')}).`);
      }
      return wanted;
    }
    const option = node.options[wanted ?? 0];
    if (option === undefined) {
      throw new Error(`Choice $${node.index} has no option #${String(wanted)}.`);
    }
    return option;
  };
  function render(list: readonly SnippetNode[]): string {
    let text = '';
    for (const node of list) {
      switch (node.kind) {
        case 'text':
          text += node.value;
          break;
        case 'choice':
          text += options.values?.[node.index] ?? chosen(node);
          break;
        case 'tabstop': {
          const value = node.index === 0 ? render(node.children) : valueOf(node.index);
          text += node.transform ? applyTransform(node.transform, value) : value;
          break;
        }
        case 'variable': {
          const known = options.variables?.[node.name];
          if (node.transform) {
            text += applyTransform(node.transform, known ?? '');
          } else if (known !== undefined) {
            text += known;
          } else {
            text += node.hasDefault ? render(node.children) : node.name;
          }
          break;
        }
      }
    }
    return text;
  }

  const sorted = [...indexes].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b));
  return { text: render(nodes), tabstops: sorted, choices, variables, bareVariables };
}

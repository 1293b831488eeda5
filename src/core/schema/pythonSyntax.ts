import { parser } from '@lezer/python';

/** Reading values out of @lezer/python trees of one file: literals, call arguments, dotted names, error offsets. */

export type PyNode = ReturnType<typeof parser.parse>['topNode'];
export type PyValue = string | number | boolean | null | PyValue[];

export interface CallArgs {
  positional: PyNode[];
  keywords: Map<string, PyNode>;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', 'Comment']);

export function children(node: PyNode): PyNode[] {
  const list: PyNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    list.push(child);
  }
  return list;
}

/** Children that carry meaning: no brackets, commas or comments. */
export function items(node: PyNode): PyNode[] {
  return children(node).filter((child) => !PUNCTUATION.has(child.name));
}

export class PySource {
  readonly top: PyNode;
  /** Offsets where the parser had to recover from a syntax error. */
  readonly errors: number[] = [];

  constructor(readonly source: string) {
    const tree = parser.parse(source);
    this.top = tree.topNode;
    tree.iterate({
      enter: (ref) => {
        if (ref.type.isError) {
          this.errors.push(ref.from);
        }
      },
    });
  }

  text(node: PyNode): string {
    return this.source.slice(node.from, node.to);
  }

  /** Positional and keyword arguments of an ArgList (lezer lists `name = value` as three flat siblings). */
  callArgs(argList: PyNode | null): CallArgs {
    const args: CallArgs = { positional: [], keywords: new Map() };
    const list = argList ? items(argList) : [];
    for (let index = 0; index < list.length; index++) {
      const node = list[index];
      const value = list[index + 2];
      if (node.name === 'VariableName' && list[index + 1]?.name === 'AssignOp' && value) {
        args.keywords.set(this.text(node), value);
        index += 2;
      } else if (!node.type.isError && node.name !== 'AssignOp') {
        args.positional.push(node);
      }
    }
    return args;
  }

  /** A Python string literal's value (prefixes, triple quotes, simple escapes); undefined for f-strings. */
  stringValue(node: PyNode): string | undefined {
    if (node.name === 'ParenthesizedExpression') {
      const [inner] = items(node);
      return inner ? this.stringValue(inner) : undefined;
    }
    if (node.name !== 'String') {
      return undefined;
    }
    const match = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(this.text(node));
    if (!match) {
      return undefined;
    }
    return /r/i.test(match[1]) ? match[3] : match[3].replace(/\\(["'\\])/g, '$1');
  }

  /** The literal value of a node, or undefined when it is computed (a call, a name, a comprehension). */
  literal(node: PyNode): PyValue | undefined {
    switch (node.name) {
      case 'String':
        return this.stringValue(node);
      case 'Number':
        return Number(this.text(node).replace(/_/g, ''));
      case 'Boolean':
        return this.text(node) === 'True';
      case 'None':
        return null;
      case 'ParenthesizedExpression':
      case 'TupleExpression':
      case 'ArrayExpression': {
        const values = items(node).map((item) => this.literal(item));
        if (values.some((value) => value === undefined)) {
          return undefined;
        }
        return node.name === 'ParenthesizedExpression' && values.length === 1 ? (values[0] as PyValue) : (values as PyValue[]);
      }
      default:
        return undefined;
    }
  }

  /** `models.ForeignKey` → ['models', 'ForeignKey']; undefined for anything but names joined by dots. */
  dottedName(node: PyNode): string[] | undefined {
    if (node.name === 'VariableName') {
      return [this.text(node)];
    }
    if (node.name === 'MemberExpression') {
      const parts = children(node);
      const object = parts[0] ? this.dottedName(parts[0]) : undefined;
      const property = parts[2];
      return object && property?.name === 'PropertyName' && parts.length === 3 ? [...object, this.text(property)] : undefined;
    }
    return undefined;
  }
}

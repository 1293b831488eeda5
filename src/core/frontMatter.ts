/** Splits a markdown file into its YAML front matter and body, keeping line numbers for error messages. */
export interface SplitNote {
  /** The YAML between the fences, or undefined when the file has no front matter. */
  yaml: string | undefined;
  /** 1-based line of the first YAML line. */
  yamlLine: number;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Set when an opening fence has no closing one. */
  unclosed: boolean;
}

const FENCE = /^---[ \t]*\r?$/;

export function splitFrontMatter(text: string): SplitNote {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split('\n');
  if (!FENCE.test(lines[0])) {
    return { yaml: undefined, yamlLine: 1, body: source, bodyLine: 1, unclosed: false };
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) {
    return { yaml: undefined, yamlLine: 2, body: source, bodyLine: 1, unclosed: true };
  }
  return { yaml: lines.slice(1, close).join('\n'), yamlLine: 2, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2, unclosed: false };
}

/** `## Heading` lines outside code fences, without their hashes. */
export function extractHeadings(body: string): string[] {
  const headings: string[] = [];
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (fence === undefined) {
        fence = fenceMatch[1][0];
      } else if (fenceMatch[1][0] === fence) {
        fence = undefined;
      }
      continue;
    }
    const heading = fence === undefined ? /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading) {
      headings.push(heading[1]);
    }
  }
  return headings;
}

/** The first `# Title` of a body, used when front matter gives none. */
export function firstTitle(body: string): string | undefined {
  return /^\s{0,3}#\s+(.+?)\s*#*\s*$/m.exec(body)?.[1];
}

/**
 * The generated parts of a README live between `<!-- nexus:begin NAME -->` and `<!-- nexus:end NAME -->` lines.
 * A re-export rewrites what is between intact pairs of known names and nothing else, byte for byte: line endings,
 * spacing and whatever the learner wrote around and between the regions stay as they are.
 */

export const beginMarker = (name: string): string => `<!-- nexus:begin ${name} -->`;
export const endMarker = (name: string): string => `<!-- nexus:end ${name} -->`;

const MARKER = /^[ \t]*<!--[ \t]*nexus:(begin|end)[ \t]+([a-z0-9-]+)[ \t]*-->[ \t]*\r?$/;
/** Anything that looks like it meant to be a marker, so a damaged one is reported instead of ignored. */
const MARKER_LIKE = /nexus:\s*(begin|end)/i;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export interface Region {
  name: string;
  /** Offset just after the begin marker's line break: where the generated text starts. */
  contentStart: number;
  /** Offset of the end marker's line: where the generated text stops. */
  contentEnd: number;
  /** 1-based line of the begin marker. */
  line: number;
}

export interface MarkerProblem {
  line: number;
  message: string;
}

export interface ScannedMarkers {
  /** Intact regions, in file order; a name appears at most once. */
  regions: Region[];
  /** Names whose markers are damaged (unclosed, mismatched, repeated): their text is left alone. */
  damaged: Set<string>;
  problems: MarkerProblem[];
}

/** Finds the regions of a text, and every marker that is damaged, with its line. */
export function scanMarkers(text: string): ScannedMarkers {
  const regions: Region[] = [];
  const damaged = new Set<string>();
  const problems: MarkerProblem[] = [];
  let open: { name: string; line: number; contentStart: number } | undefined;
  let fence: string | undefined;
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const lineStart = offset;
    offset += line.length + 1;
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      fence = fence === undefined ? fenceMatch[1][0] : fenceMatch[1][0] === fence ? undefined : fence;
      return;
    }
    // Markers shown as examples inside code blocks are text, not markers.
    if (fence !== undefined || !MARKER_LIKE.test(line)) {
      return;
    }
    const marker = MARKER.exec(line);
    if (!marker) {
      problems.push({ line: lineNumber, message: `This line looks like a Nexus marker but is not one: write \`<!-- nexus:begin NAME -->\` or \`<!-- nexus:end NAME -->\` on a line of its own. Left as it is.` });
      return;
    }
    const [, kind, name] = marker;
    if (kind === 'begin') {
      if (open) {
        problems.push({ line: open.line, message: `\`nexus:begin ${open.name}\` has no \`nexus:end ${open.name}\` before the next begin marker (line ${lineNumber}): section "${open.name}" is left as it is.` });
        damaged.add(open.name);
      }
      open = { name, line: lineNumber, contentStart: Math.min(offset, text.length) };
      return;
    }
    if (!open) {
      problems.push({ line: lineNumber, message: `\`nexus:end ${name}\` has no \`nexus:begin ${name}\` before it: section "${name}" is left as it is.` });
      damaged.add(name);
      return;
    }
    if (open.name !== name) {
      problems.push({ line: lineNumber, message: `\`nexus:end ${name}\` closes \`nexus:begin ${open.name}\` (line ${open.line}): the names must match. Both sections are left as they are.` });
      damaged.add(open.name);
      damaged.add(name);
      open = undefined;
      return;
    }
    if (regions.some((region) => region.name === name)) {
      problems.push({ line: open.line, message: `Section "${name}" appears twice (lines ${regions.find((r) => r.name === name)?.line} and ${open.line}): remove one; both are left as they are.` });
      damaged.add(name);
    } else {
      regions.push({ name, contentStart: open.contentStart, contentEnd: lineStart, line: open.line });
    }
    open = undefined;
  });
  if (open) {
    problems.push({ line: open.line, message: `\`nexus:begin ${open.name}\` is never closed: add \`${endMarker(open.name)}\` after it. Section "${open.name}" is left as it is.` });
    damaged.add(open.name);
  }
  return { regions: regions.filter((region) => !damaged.has(region.name)), damaged, problems };
}

/** The line ending a text mostly uses, so generated lines match the learner's file. */
export function lineEnding(text: string): '\n' | '\r\n' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** A section's block as a fresh file holds it: its heading (the learner's to rename), then the markers. */
export function sectionBlock(name: string, heading: string | undefined, content: string, eol: string): string {
  const lines = [...(heading ? [heading, ''] : []), beginMarker(name), ...content.split('\n'), endMarker(name)];
  return lines.join('\n').replace(/\n/g, eol);
}

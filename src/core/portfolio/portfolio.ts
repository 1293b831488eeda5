import { lineEnding, scanMarkers, sectionBlock, type MarkerProblem } from './markers';
import { architectureSection } from './sections/architecture';
import { challenges } from './sections/challenges';
import type { PortfolioInput, PortfolioSection } from './sections/common';
import { learnings } from './sections/learnings';
import { overview } from './sections/overview';
import { review } from './sections/review';
import { schema } from './sections/schema';
import { takeaways } from './sections/takeaways';
import { technologies } from './sections/technologies';

export type { PortfolioInput, PortfolioSection } from './sections/common';

/** The sections in README order. A new section is a module beside these and one entry here. */
export const SECTIONS: readonly PortfolioSection[] = [overview, technologies, learnings, challenges, takeaways, architectureSection, schema, review];

const TITLE = '# Project Nexus';
// Worded without the marker keyword, so this note itself is never mistaken for a damaged marker.
const OWNERSHIP = '<!-- Nexus: Export Portfolio… rewrites only the parts between its begin and end markers; everything else here is yours and stays as you write it. -->';

export interface PortfolioExport {
  text: string;
  /** Sections regenerated in place. */
  updated: string[];
  /** Sections the file did not have, added after their predecessor (or at the end). */
  added: string[];
  /** Damaged or unknown markers, with their lines: their text was left as it is. */
  problems: MarkerProblem[];
  /** Whether the existing file had any markers: when it had none, writing over it needs the learner's yes. */
  hadMarkers: boolean;
}

function applicable(input: PortfolioInput): PortfolioSection[] {
  return SECTIONS.filter((section) => section.applies?.(input) ?? true);
}

/** A README of its own: the title, a note on who owns what, and every section that applies. */
export function freshPortfolio(input: PortfolioInput, eol: '\n' | '\r\n' = '\n'): string {
  const blocks = applicable(input).map((section) => sectionBlock(section.name, section.heading, section.render(input), eol));
  return [TITLE, OWNERSHIP, ...blocks].join(eol + eol) + eol;
}

/** The learner's file as it is, followed by every section: for a README that has no markers yet. */
export function appendPortfolio(existing: string, input: PortfolioInput): string {
  const eol = lineEnding(existing);
  const blocks = applicable(input).map((section) => sectionBlock(section.name, section.heading, section.render(input), eol));
  const separator = existing === '' ? '' : existing.endsWith('\n') ? eol : eol + eol;
  return existing + separator + blocks.join(eol + eol) + eol;
}

/**
 * The portfolio written into an existing README: each intact region of a known section regenerated, sections
 * the file lacks added, and every byte outside the regions kept. A file with text but no markers comes back as it is
 * (`hadMarkers` false): the caller asks the learner, then uses appendPortfolio or freshPortfolio. Damaged and unknown markers are reported and
 * their text left alone; a damaged section is not added again either, so nothing is ever duplicated.
 */
export function exportPortfolio(existing: string | undefined, input: PortfolioInput): PortfolioExport {
  // An empty file holds nothing of the learner's to keep or to ask about.
  if (existing === undefined || existing.trim() === '') {
    return { text: freshPortfolio(input, existing ? lineEnding(existing) : '\n'), updated: [], added: applicable(input).map((s) => s.name), problems: [], hadMarkers: false };
  }
  const eol = lineEnding(existing);
  const scanned = scanMarkers(existing);
  const problems = [...scanned.problems];
  const known = new Map(SECTIONS.map((section) => [section.name, section]));
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const updated: string[] = [];
  for (const region of scanned.regions) {
    const section = known.get(region.name);
    if (!section) {
      problems.push({ line: region.line, message: `Unknown section "${region.name}": left as it is. Nexus writes ${SECTIONS.map((s) => `"${s.name}"`).join(', ')}.` });
      continue;
    }
    const content = section.render(input);
    edits.push({ start: region.contentStart, end: region.contentEnd, text: content === '' ? '' : content.replace(/\n/g, eol) + eol });
    updated.push(section.name);
  }
  const hadMarkers = scanned.regions.length > 0 || scanned.damaged.size > 0;
  const added: string[] = [];
  if (hadMarkers) {
    const present = new Set([...scanned.regions.map((r) => r.name), ...scanned.damaged]);
    for (const section of applicable(input)) {
      if (present.has(section.name)) {
        continue;
      }
      const before = SECTIONS.slice(0, SECTIONS.indexOf(section)).reverse().map((s) => scanned.regions.find((r) => r.name === s.name)).find((r) => r !== undefined);
      const lineEnd = before ? existing.indexOf('\n', before.contentEnd) : -1;
      const at = lineEnd >= 0 ? lineEnd + 1 : existing.length;
      const lead = at > 0 && existing[at - 1] !== '\n' ? eol : '';
      const block = sectionBlock(section.name, section.heading, section.render(input), eol);
      edits.push({ start: at, end: at, text: lineEnd >= 0 ? `${eol}${block}${eol}` : `${lead}${eol}${block}${eol}` });
      added.push(section.name);
    }
  }
  // Back to front, so earlier offsets stay valid; inserts at one spot keep section order.
  let text = existing;
  for (const edit of edits.map((e, index) => ({ ...e, index })).sort((a, b) => b.start - a.start || b.index - a.index)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return { text, updated, added, problems: problems.sort((a, b) => a.line - b.line), hadMarkers };
}

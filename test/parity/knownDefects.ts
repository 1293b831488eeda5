/**
 * Differences the TypeScript API still has, each a defect in a snippet that makes it behave unlike DRF. A scenario
 * whose only problems match entries here is reported pending with the reasons (never passed); any other problem fails
 * it. When the snippet is fixed the scenario passes and the entry goes. A deliberate difference is never listed here:
 * the scenario declares it (`differs`) and the snippet's description says it.
 */
export interface KnownDefect {
  reason: string;
  /** Which problem lines it excuses (see engine.ts: "step N … GET /path: <difference>"). */
  problem: RegExp;
  /** Only in scenarios whose name matches. */
  scenario?: RegExp;
}

export const knownDefects: KnownDefect[] = [];

const seen = new Set<KnownDefect>();

/** Entries that excused nothing in this run: their defect is fixed (or never ran), and the entry can go. */
export function unusedDefects(): KnownDefect[] {
  return knownDefects.filter((entry) => !seen.has(entry));
}

/** The reasons when every problem is a known defect; undefined when any problem is not. */
export function knownReasons(scenario: string, problems: readonly string[]): string[] | undefined {
  if (process.env.NEXUS_PARITY_STRICT === '1') {
    return undefined; // show every difference, known or not (while fixing the snippets)
  }
  const reasons = new Set<string>();
  for (const problem of problems) {
    const defect = knownDefects.find((entry) => entry.problem.test(problem) && (!entry.scenario || entry.scenario.test(scenario)));
    if (!defect) {
      return undefined;
    }
    seen.add(defect);
    reasons.add(defect.reason);
  }
  return [...reasons];
}

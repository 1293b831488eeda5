/** Repeated measurements, reported as median and range: one run of anything on a shared machine is noise. */
export interface Timing {
  runs: number;
  median: number;
  min: number;
  max: number;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function measure(runs: number, once: () => Promise<number> | number): Promise<Timing> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    samples.push(await once());
  }
  return summarize(samples);
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

export function range(timing: Timing): string {
  return `${ms(timing.median)} (${ms(timing.min)}–${ms(timing.max)}, ${timing.runs} runs)`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

import type { Catalog, Category } from './model';

/**
 * What the learner has studied, by topic id (ids survive renames and moves of files). The storage key carries
 * a version so a later shape can migrate from this one instead of losing it; ids of topics that no longer
 * exist are kept, so progress survives content upgrades that drop and restore a topic.
 */
export const PROGRESS_KEY = 'nexus.progress.v1';

export interface Progress {
  version: 1;
  /** Topic id → when it was marked studied (ms since epoch). */
  studied: Record<string, number>;
  /** When this value was last changed, so the newest of several stored copies wins. */
  updatedAt: number;
}

export function emptyProgress(updatedAt = 0): Progress {
  return { version: 1, studied: {}, updatedAt };
}

/** Of two stored copies (a synced one and a local file, say), the one changed last. */
export function newerProgress(a: Progress, b: Progress): Progress {
  return b.updatedAt > a.updatedAt ? b : a;
}

/** Reads whatever storage holds, tolerating damage: invalid entries are dropped, never the rest. */
export function readProgress(raw: unknown): Progress {
  const progress = emptyProgress();
  if (raw === null || typeof raw !== 'object') {
    return progress;
  }
  const { studied, updatedAt } = raw as { studied?: unknown; updatedAt?: unknown };
  if (Number.isFinite(updatedAt)) {
    progress.updatedAt = updatedAt as number;
  }
  if (studied && typeof studied === 'object' && !Array.isArray(studied)) {
    for (const [id, at] of Object.entries(studied as Record<string, unknown>)) {
      if (Number.isFinite(at)) {
        progress.studied[id] = at as number;
      }
    }
  }
  return progress;
}

export function isStudied(progress: Progress, id: string): boolean {
  return id in progress.studied;
}

/** A new value (stored values are never mutated in place). */
export function withStudied(progress: Progress, ids: readonly string[], studied: boolean, now: number): Progress {
  const next = { ...progress.studied };
  for (const id of ids) {
    if (studied) {
      next[id] ??= now;
    } else {
      delete next[id];
    }
  }
  return { version: 1, studied: next, updatedAt: now };
}

export function categoryProgress(category: Category, progress: Progress): { done: number; total: number } {
  return { done: category.topics.filter((topic) => isStudied(progress, topic.id)).length, total: category.topics.length };
}

export function topicsLeft(catalog: Catalog, progress: Progress): number {
  let left = 0;
  for (const id of catalog.topics.keys()) {
    if (!isStudied(progress, id)) {
      left++;
    }
  }
  return left;
}

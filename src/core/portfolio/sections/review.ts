import type { Catalog } from '../../model';
import type { ReviewState } from '../../review/state';
import { escapeInline, type PortfolioSection } from './common';

/** Anki's "mature": a card in review whose interval has reached three weeks. */
export const MASTERED_DAYS = 21;

/** Cards in review (retired ones left out) and those mastered, per category, in catalog order. */
export function reviewByCategory(state: ReviewState, catalog: Catalog): Array<{ categoryId: string; cards: number; mastered: number }> {
  const rows = catalog.categories.map((category) => ({ categoryId: category.id, cards: 0, mastered: 0 }));
  for (const card of Object.values(state.cards)) {
    const row = card.retired === undefined ? rows.find((r) => r.categoryId === catalog.topics.get(card.topicId)?.category) : undefined;
    if (row) {
      row.cards++;
      row.mastered += card.schedule.phase === 'review' && card.schedule.scheduledDays >= MASTERED_DAYS ? 1 : 0;
    }
  }
  return rows.filter((row) => row.cards > 0);
}

/** Cards mastered per area, when the learner reviews with Nexus. */
export const review: PortfolioSection = {
  name: 'review',
  heading: '## Review',
  applies: (input) => (input.review ?? []).some((row) => row.cards > 0),
  render(input) {
    const rows = (input.review ?? []).filter((row) => row.cards > 0);
    if (rows.length === 0) {
      return '_No review cards yet._';
    }
    const title = (id: string): string => input.catalog.categories.find((category) => category.id === id)?.title ?? id;
    return [
      `| Area | Cards | Mastered (interval ≥ ${MASTERED_DAYS} days) |`,
      '| --- | --- | --- |',
      ...rows.map((row) => `| ${escapeInline(title(row.categoryId))} | ${row.cards} | ${row.mastered} |`),
    ].join('\n');
  },
};

import * as assert from 'node:assert/strict';
import { categoryProgress, emptyProgress, isStudied, newerProgress, readProgress, withStudied } from '../../src/core/progress';
import type { Category, Topic } from '../../src/core/model';

describe('progress rules', () => {
  it('marks and unmarks topics without mutating what is stored', () => {
    const stored = emptyProgress();
    const marked = withStudied(stored, ['orm', 'jwt'], true, 1000);
    assert.deepEqual(stored.studied, {});
    assert.ok(isStudied(marked, 'orm'));
    const unmarked = withStudied(marked, ['orm'], false, 2000);
    assert.deepEqual(unmarked.studied, { jwt: 1000 });
  });

  it('keeps the first time a topic was studied', () => {
    const once = withStudied(emptyProgress(), ['orm'], true, 1000);
    assert.equal(withStudied(once, ['orm'], true, 5000).studied.orm, 1000);
  });

  it('reads damaged storage without losing the valid entries', () => {
    assert.deepEqual(readProgress(undefined), emptyProgress());
    assert.deepEqual(readProgress('garbage'), emptyProgress());
    assert.deepEqual(readProgress({ version: 1, studied: { orm: 5, bad: 'x', nan: Number.NaN } }).studied, { orm: 5 });
  });

  it('picks the copy changed last, whichever store it came from', () => {
    const older = withStudied(emptyProgress(), ['orm'], true, 1000);
    const newer = withStudied(older, ['orm'], false, 2000);
    assert.equal(newerProgress(older, newer), newer);
    assert.equal(newerProgress(newer, older), newer);
    assert.equal(readProgress(JSON.parse(JSON.stringify(newer))).updatedAt, 2000);
  });

  it('keeps ids of topics that are gone, and counts only the category’s own', () => {
    const progress = readProgress({ studied: { removed: 1, a: 2 } });
    const category = { id: 'c', title: 'C', icon: 'book', order: 1, topics: [{ id: 'a' }, { id: 'b' }] as Topic[] } satisfies Category;
    assert.deepEqual(categoryProgress(category, progress), { done: 1, total: 2 });
    assert.ok(isStudied(progress, 'removed'));
  });
});

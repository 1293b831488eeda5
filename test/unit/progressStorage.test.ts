/**
 * The edges of progress storage that progress.test.ts leaves open, each a Stryker survivor of src/core/progress.ts
 * (npm run stryker): which damaged values readProgress drops, ties between stored copies, and topicsLeft.
 */
import * as assert from 'node:assert/strict';
import type { Catalog } from '../../src/core/model';
import { emptyProgress, newerProgress, readProgress, topicsLeft, withStudied } from '../../src/core/progress';

describe('progress storage edges', () => {
  it('keeps a finite numeric updatedAt and drops any other', () => {
    assert.equal(readProgress({ updatedAt: 7 }).updatedAt, 7);
    for (const updatedAt of [Number.POSITIVE_INFINITY, Number.NaN, '7', null]) {
      assert.equal(readProgress({ updatedAt }).updatedAt, 0, String(updatedAt));
    }
  });

  it('reads studied only from a plain object, and only its finite timestamps', () => {
    assert.deepEqual(readProgress(null), emptyProgress());
    assert.deepEqual(readProgress(42), emptyProgress());
    for (const studied of [null, ['orm'], 'orm', 5]) {
      assert.deepEqual(readProgress({ studied, updatedAt: 3 }), { version: 1, studied: {}, updatedAt: 3 }, JSON.stringify(studied));
    }
    assert.deepEqual(readProgress({ studied: { a: 1, b: Number.NEGATIVE_INFINITY, c: '2', d: 0 } }).studied, { a: 1, d: 0 });
  });

  it('keeps the first copy when both changed at the same moment', () => {
    const a = withStudied(emptyProgress(), ['x'], true, 5);
    const b = withStudied(emptyProgress(), ['y'], true, 5);
    assert.equal(newerProgress(a, b), a);
    assert.equal(newerProgress(b, a), b);
  });

  it('counts the topics of the catalog not studied yet, ignoring ids that are gone', () => {
    const catalog = { topics: new Map([['a', {}], ['b', {}], ['c', {}]]) } as unknown as Catalog;
    assert.equal(topicsLeft(catalog, emptyProgress()), 3);
    assert.equal(topicsLeft(catalog, withStudied(emptyProgress(), ['a', 'gone'], true, 1)), 2);
    assert.equal(topicsLeft(catalog, withStudied(emptyProgress(), ['a', 'b', 'c'], true, 1)), 0);
  });
});

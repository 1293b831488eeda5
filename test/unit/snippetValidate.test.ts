/**
 * drf-model-serializer's validate(self, attrs) under partial=True, run on the module composed from the snippet: DRF
 * hands validate() only the fields sent, and `self.instance` supplies the rest. `npm run mutants` found that no test
 * noticed when the snippet stopped reading the instance, so these pin both directions.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { materializeApi } from '../fixtures/snippet-api/compose';

interface Article {
  id: number;
  title: string;
  body: string;
  status: 'draft' | 'published';
}
type Validate = (data: unknown, options?: { instance?: Article; partial?: boolean }) => Record<string, unknown>;

const LONG = 'A body long enough to publish, by the rule.';

describe('drf-model-serializer validate() with the instance (PATCH)', () => {
  let dir = '';
  let validate: Validate;
  before(() => {
    dir = materializeApi('snippet-validate-');
    validate = (createRequire(path.join(dir, 'index.js'))('./article.serializer.js') as { validateArticle: Validate }).validateArticle;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const refusal = (run: () => unknown): unknown => {
    try {
      run();
    } catch (error) {
      return (error as { detail?: unknown }).detail;
    }
    return 'accepted';
  };

  it('publishes a draft whose stored body is long enough, and refuses one whose stored body is short', () => {
    const draft = (body: string): Article => ({ id: 1, title: 'T', body, status: 'draft' });
    assert.deepEqual(validate({ status: 'published' }, { instance: draft(LONG), partial: true }), { status: 'published' });
    assert.deepEqual(refusal(() => validate({ status: 'published' }, { instance: draft('short'), partial: true })), {
      body: ['A published article needs a body of at least 20 characters.'],
    });
  });

  it('refuses to shorten the body of a published article, and lets a draft have any body', () => {
    const published: Article = { id: 1, title: 'T', body: LONG, status: 'published' };
    assert.deepEqual(refusal(() => validate({ body: 'short' }, { instance: published, partial: true })), {
      body: ['A published article needs a body of at least 20 characters.'],
    });
    assert.deepEqual(validate({ body: 'short' }, { instance: { ...published, status: 'draft' }, partial: true }), { body: 'short' });
  });
});

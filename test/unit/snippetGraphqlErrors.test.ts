/**
 * drf-apollo-server's formatError, through the composed app: an error that is not a GraphQLError (here the database
 * failing, its message quoting the SQL) reaches the client as "Internal server error" only. `npm run mutants` found
 * that no test noticed when the server stopped masking: the others call maskInternalErrors() directly.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { materializeApi } from '../fixtures/snippet-api/compose';

interface BuiltApp {
  app: Express;
  close(): Promise<void>;
}
type BuildApp = (options: { logger: { logQuery(query: string, params: unknown[]): void } }) => Promise<BuiltApp>;

describe('drf-apollo-server masks internal errors in the composed app', function () {
  this.timeout(120_000);
  let dir = '';
  let built: BuiltApp | undefined;
  let failing = false;

  before(async () => {
    dir = materializeApi('snippet-graphql-errors-');
    const { buildApp } = createRequire(path.join(dir, 'index.js'))('./app.js') as { buildApp: BuildApp };
    // drizzle hands every query to the logger before running it: throwing there is the database failing.
    built = await buildApp({
      logger: {
        logQuery: (query) => {
          if (failing) {
            throw new Error(`relation failure while running: ${query}`);
          }
        },
      },
    });
  });
  after(async () => {
    await built?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers "Internal server error" without the SQL when the database fails under a resolver', async () => {
    failing = true;
    try {
      const res = await request((built as BuiltApp).app).post('/graphql').send({ query: '{ articles(first: 1) { id } }' });
      const body = res.body as { errors?: { message: string; extensions?: { code?: string } }[] };
      assert.deepEqual(
        body.errors?.map((error) => [error.message, error.extensions?.code]),
        [['Internal server error', 'INTERNAL_SERVER_ERROR']],
      );
      assert.doesNotMatch(JSON.stringify(res.body), /select|relation failure/i);
    } finally {
      failing = false;
    }
  });
});

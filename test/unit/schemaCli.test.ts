import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SchemaJson } from '../../src/core/schema/model';
import { repoRoot } from '../harness/paths';

/** Runs the built command line (dist/cli.js beside dist/schema.js) as `npm run schema --` does, from the repository root. */
function schema(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), `${cli} exists (node esbuild.mjs --schema, or any build, makes it)`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const DJANGO = 'test/fixtures/schema/django';

describe('npm run schema (the built command line)', function () {
  this.timeout(60_000);

  it('prints the JSON shape of the issue for a folder, exiting 1 because one file has a syntax error', () => {
    const { code, stdout } = schema(DJANGO, '--format', 'json');
    assert.equal(code, 1);
    const json = JSON.parse(stdout) as SchemaJson;
    assert.deepEqual(Object.keys(json), ['entities', 'relations', 'problems']);
    assert.deepEqual(json.entities.find((e) => e.name === 'Profile'), {
      name: 'Profile',
      file: `${DJANGO}/accounts/models.py`,
      line: 15,
      fields: [
        { name: 'id', type: 'BigAutoField', pk: true },
        { name: 'user', type: 'OneToOneField', unique: true },
        { name: 'bio', type: 'TextField' },
        { name: 'avatar', type: 'ImageField', nullable: true },
        { name: 'followers', type: 'ManyToManyField' },
      ],
    });
    assert.deepEqual(json.relations.find((r) => r.field === 'products'), { from: 'Order', to: 'Product', field: 'products', kind: 'many-to-many', through: 'OrderItem' });
    assert.deepEqual(json.problems[0], { file: `${DJANGO}/blog/models.py`, line: 8, message: 'Python syntax error in the statement starting `published = models.DateTimeField(null=True, blank=`; the rest of the file is still read.' });
  });

  it('prints mermaid for the files named, with problems on stderr, exiting 0 when they have none', () => {
    const { code, stdout, stderr } = schema(`${DJANGO}/catalog/models/product.py`, `${DJANGO}/catalog/models/tag.py`, `${DJANGO}/common/models.py`, '--format=mermaid');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^erDiagram\n/);
    assert.match(stdout, /Product }o--o\{ Tag : "tags"/);
    assert.match(stdout, /Product }o--\|\| User : "owner"/, 'an external user model is still a relation end');
    assert.equal(stderr, '');
  });

  it('draws the join table with --physical', () => {
    const { stdout } = schema(`${DJANGO}/catalog`, '--format', 'mermaid', '--physical');
    assert.match(stdout, /Tag \|\|--o\{ catalog_products_tags : "tags"/);
  });

  it('reads SQL (libpg-query’s .wasm loaded from beside dist/schema.js), Prisma and drizzle files in one run', () => {
    const { code, stdout } = schema('test/fixtures/schema/sql', 'test/fixtures/schema/prisma', 'test/fixtures/schema/drizzle', '--format', 'json');
    assert.equal(code, 1, 'the fixtures hold a half-typed statement and a half-typed model');
    const json = JSON.parse(stdout) as SchemaJson;
    for (const name of ['customers', 'catalog_products', 'Profile', 'postsToTags']) {
      assert.ok(json.entities.some((e) => e.name === name), `${name} in ${json.entities.map((e) => e.name).join(', ')}`);
    }
    assert.deepEqual(json.problems.map((p) => `${p.file}:${p.line}`), ['test/fixtures/schema/drizzle/schema.ts:57', 'test/fixtures/schema/drizzle/schema.ts:65', 'test/fixtures/schema/prisma/schema.prisma:71', 'test/fixtures/schema/sql/pg_dump.sql:80']);
  });

  it('refuses a missing folder and an unknown format with exit code 2 and the usage', () => {
    assert.equal(schema('no/such/folder').code, 2);
    const unknown = schema(DJANGO, '--format', 'yaml');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Usage: npm run schema -- <files or folders…>/);
  });
});

// Here rather than beside the Prisma reader's tests: it reads dist/, which Stryker's sandbox does not copy.
describe('the built schema bundle (dist/schema.js)', () => {
  it('never looks for a prisma-ast config file (the lookup is stubbed at build time)', () => {
    const bundle = fs.readFileSync(path.join(repoRoot, 'dist', 'schema.js'), 'utf8');
    assert.doesNotMatch(bundle, /lilconfig\/src|cosmiconfig|searchPlaces/, 'no config search code in dist/schema.js');
    assert.match(bundle, /lilconfigSync/);
  });
});

describe('the schema parsers’ third-party notices', () => {
  it('name every package bundled into dist/schema.js, with its licence text', async function () {
    this.timeout(60_000);
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(repoRoot, 'src', 'core', 'schema', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      // As esbuild.mjs does: prisma-ast's config lookup is replaced, so lilconfig is not bundled.
      plugins: [
        {
          name: 'stub',
          setup: (build) => {
            build.onResolve({ filter: /^lilconfig$/ }, () => ({ path: 'lilconfig', namespace: 'stub' }));
            build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: '' }));
          },
        },
      ],
    });
    const packages = new Set(Object.keys(result.metafile.inputs).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]).filter((name): name is string => name !== undefined));
    assert.ok(packages.has('@lezer/python') && packages.has('libpg-query') && packages.has('chevrotain'), [...packages].join(', '));
    const notices = fs.readFileSync(path.join(repoRoot, 'media', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    const missing = [...packages].filter((name) => !notices.includes(`\n${name} `));
    assert.deepEqual(missing, [], 'packages without a notice (regenerate media/THIRD-PARTY-NOTICES.txt)');
    assert.match(notices, /PostgreSQL Global Development Group/, 'the PostgreSQL parser inside the .wasm');
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDrizzle } from '../../src/core/schema/drizzle';
import { schemaHints } from '../../src/core/schema/hints';
import { inputKind, parseSchema } from '../../src/core/schema/index';
import type { SchemaModel } from '../../src/core/schema/model';
import { toMermaid } from '../../src/core/schema/toMermaid';
import { SCHEMA_FIXTURES } from './schemaFixtures';

describe('the drizzle-orm schema reader (@lezer/javascript, TypeScript dialect)', () => {
  // The fixture type-checks against the real drizzle-orm (it is under test/), so its shape is one drizzle accepts.
  const text = fs.readFileSync(path.join(SCHEMA_FIXTURES, 'drizzle', 'schema.ts'), 'utf8');
  // Read per test, not when the file loads: Stryker activates a mutant only while tests run.
  let model: SchemaModel;
  beforeEach(() => {
    model = parseDrizzle([{ file: 'src/db/schema.ts', text }]);
  });
  // Lines found in the fixture rather than written down: Stryker's sandbox puts `// @ts-nocheck` on top of it.
  const lineOf = (start: string): number => text.split('\n').findIndex((line) => line.startsWith(start)) + 1;
  const entity = (id: string) => {
    const found = model.entities.find((e) => e.id === id);
    assert.ok(found, id);
    return found;
  };

  it('reads pgTable calls with column builders, chained flags, enums and spread column objects, without running them', () => {
    assert.deepEqual(
      model.entities.map((e) => `${e.name}:${e.line}`),
      ['users', 'profiles', 'posts', 'tags', 'postsToTags', 'archived'].map((name) => `${name}:${lineOf(`export const ${name} = pgTable(`)}`),
    );
    assert.deepEqual(entity('users').fields.map((f) => `${f.name} ${f.type}${f.pk ? ' pk' : ''}${f.unique ? ' unique' : ''}${f.nullable ? ' null' : ''}`), [
      'id serial pk',
      'email varchar(254) unique',
      'role role',
      'invited_by integer null',
      'created_at timestamp with time zone',
      'updated_at timestamp with time zone null',
    ]);
    assert.equal(entity('users').fields[2].detail, 'enum role: reader | author | admin');
    assert.equal(entity('posts').fields.find((f) => f.name === 'price')?.type, 'numeric(10, 2)');
    assert.equal(entity('postsToTags').table, 'posts_to_tags');
  });

  it('reads .references(), foreignKey(), primaryKey() and indexes of the extra config (array and object forms)', () => {
    assert.deepEqual(
      model.relations.map((r) => `${r.from}.${r.field} ${r.kind} ${r.to}${r.nullable ? ' null' : ''}`),
      ['users.invited_by many-to-one users null', 'profiles.user_id one-to-one users', 'posts.author_id many-to-one users', 'postsToTags.tag_id many-to-one tags', 'postsToTags.post_id many-to-one posts'],
    );
    assert.deepEqual(entity('postsToTags').fields.filter((f) => f.pk).map((f) => f.name), ['post_id', 'tag_id']);
    assert.deepEqual(entity('posts').indexes.map((i) => `${i.name}:${i.fields.join(',')}${i.unique ? ':unique' : ''}`), ['posts_author_idx:author_id,created_at', 'posts_title_key:title:unique']);
  });

  it('lists tables made in a loop or from a function as skipped', () => {
    assert.deepEqual(model.skipped.map((s) => s.line), [lineOf('for (const name of'), lineOf('export const archived')]);
    assert.deepEqual(model.problems, []);
  });

  it('flags the foreign keys no index covers', () => {
    assert.deepEqual(schemaHints(model).filter((h) => h.kind === 'missing-index').map((h) => h.entity), ['users', 'postsToTags']);
    assert.match(toMermaid(model).source, /profiles \|o--\|\| users : "user_id"/);
  });

  it('names a syntax error with its line and still reads the other tables', () => {
    const broken = parseDrizzle([{ file: 'schema.ts', text: "import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const a = pgTable('a', { id: serial('id').primaryKey() });\nexport const b = pgTable('b', { id: serial('id').primaryKey(, });\nexport const c = pgTable('c', { id: serial('id').primaryKey() });\n" }]);
    assert.deepEqual(broken.problems.map((p) => p.line), [3]);
    assert.ok(['a', 'c'].every((id) => broken.entities.some((e) => e.id === id)));
  });
});

describe('one schema from every input kind', () => {
  it('picks the parser by file (TypeScript only when it imports drizzle-orm) and merges the models', async () => {
    assert.deepEqual(['app/models.py', 'db.sql', 'schema.prisma', 'db/schema.ts'].map((file) => inputKind(file, "import { pgTable } from 'drizzle-orm/pg-core';")), ['django', 'sql', 'prisma', 'drizzle']);
    assert.equal(inputKind('src/schema.ts', "export const x = 1;"), undefined);
    const read = (dir: string, name: string) => ({ file: `${dir}/${name}`, text: fs.readFileSync(path.join(SCHEMA_FIXTURES, dir, name), 'utf8') });
    const model = await parseSchema([read('prisma', 'schema.prisma'), read('drizzle', 'schema.ts'), read('sql', 'pg_dump.sql')]);
    const sources = new Set(model.entities.map((e) => e.source));
    assert.deepEqual([...sources].sort(), ['drizzle', 'prisma', 'sql']);
    // Prisma's Tag and drizzle's tags do not clash; a second `users` would have been qualified by its group.
    assert.equal(new Set(model.entities.map((e) => e.id)).size, model.entities.length);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { schemaHints } from '../../src/core/schema/hints';
import type { SchemaModel } from '../../src/core/schema/model';
import { parsePrisma } from '../../src/core/schema/prisma';
import { toMermaid } from '../../src/core/schema/toMermaid';
import { SCHEMA_FIXTURES } from './schemaFixtures';

describe('the Prisma schema reader (@mrleebo/prisma-ast 0.15.0)', () => {
  const text = fs.readFileSync(path.join(SCHEMA_FIXTURES, 'prisma', 'schema.prisma'), 'utf8');
  // Read per test, not when the file loads: Stryker activates a mutant only while tests run.
  let model: SchemaModel;
  beforeEach(() => {
    model = parsePrisma([{ file: 'prisma/schema.prisma', text }]);
  });
  const entity = (id: string) => {
    const found = model.entities.find((e) => e.id === id);
    assert.ok(found, id);
    return found;
  };

  it('reads models with @id, @@id, @unique, optional fields, enums and @@map', () => {
    assert.deepEqual(model.entities.filter((e) => !e.implicit).map((e) => `${e.name}:${e.line}`), ['User:16', 'Profile:32', 'Post:39', 'Category:51', 'Comment:57', 'Tag:74']);
    const user = entity('User');
    assert.equal(user.table, 'users');
    assert.deepEqual(user.fields.filter((f) => !f.virtual).map((f) => `${f.name} ${f.type}${f.pk ? ' pk' : ''}${f.unique ? ' unique' : ''}${f.nullable ? ' null' : ''}`), ['id Int pk', 'email String unique', 'name String null', 'role Role', 'managerId Int null']);
    assert.equal(user.fields.find((f) => f.name === 'role')?.detail, 'enum Role: USER | ADMIN');
    assert.deepEqual(entity('Comment').fields.filter((f) => f.pk).map((f) => f.name), ['postId', 'lineNo']);
    assert.deepEqual(entity('Post').indexes.map((i) => i.fields), [['authorId', 'createdAt']]);
  });

  it('reads @relation foreign keys, one-to-one by @unique or a singular back side, self relations and implicit many-to-many', () => {
    assert.deepEqual(
      model.relations.map((r) => `${r.from}.${r.field} ${r.kind} ${r.to}${r.nullable ? ' null' : ''}${r.through ? ` through ${r.through}` : ''}`),
      [
        'Post.author many-to-one User',
        'Profile.user one-to-one User',
        'User.manager many-to-one User null',
        'User.followers many-to-many User through _Follows',
        'Category.posts many-to-many Post through _CategoryToPost',
        'Comment.post many-to-one Post',
        'Comment.author many-to-one User null',
      ],
    );
    assert.deepEqual(entity('_CategoryToPost').fields.map((f) => f.name), ['A', 'B'], 'Prisma’s implicit join table');
    assert.ok(toMermaid(model, { physical: true }).source.includes('Category ||--o{ _CategoryToPost : "posts"'));
  });

  it('reports a half-typed model with its line and still draws the others', () => {
    assert.deepEqual(model.problems, [{ file: 'prisma/schema.prisma', line: 71, message: 'Prisma syntax error at the end of a line (in the block from line 68); the other models are still drawn.' }]);
    assert.ok(!model.entities.some((e) => e.name === 'Draft'));
    assert.ok(entity('Tag'));
  });

  it('flags foreign keys no index covers, and not those an @@index, @@id or @unique covers', () => {
    const flagged = schemaHints(model).filter((h) => h.kind === 'missing-index');
    assert.deepEqual(flagged.map((h) => `${h.entity}:${h.line}:${h.topic}`), ['User:23:indexing-query-optimization', 'Comment:62:indexing-query-optimization']);
  });
});

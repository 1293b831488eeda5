import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDjango } from '../../src/core/schema/django';
import { schemaHints } from '../../src/core/schema/hints';
import { inputKind, parseSchema } from '../../src/core/schema/index';
import { toJson, type SchemaModel } from '../../src/core/schema/model';
import { parseSql } from '../../src/core/schema/sql';
import { toMermaid } from '../../src/core/schema/toMermaid';
import { readTree, SCHEMA_FIXTURES } from './schemaFixtures';

// Read per test (beforeEach / inside it), never in a describe body: Stryker activates a mutant only while tests run.
const FIXTURE = path.join(SCHEMA_FIXTURES, 'django');

describe('the teaching hints of a Django schema', () => {
  let model: SchemaModel;
  beforeEach(() => {
    model = parseDjango(readTree(FIXTURE));
  });
  // The hints of one relation: its relationship hint and the query hints that follow it.
  const hintsAt = (from: string, field: string): string[] => {
    const hints = schemaHints(model);
    const start = hints.findIndex((h) => h.kind === 'relationship' && h.text.startsWith(`${from}.${field} →`));
    assert.ok(start >= 0, `${from}.${field}`);
    const end = hints.findIndex((h, index) => index > start && h.kind === 'relationship');
    return hints.slice(start, end === -1 ? undefined : end).map((h) => `${h.entity} ${h.kind}: ${h.text}`);
  };

  it('names the reverse accessor of a one-to-one by related_name, or by the model name without _set', () => {
    assert.deepEqual(hintsAt('Profile', 'user'), [
      'Profile relationship: Profile.user → User: one-to-one: a unique foreign key; at most one row here per row there.',
      'Profile n-plus-one: Profile.objects.select_related("user") before a serializer reads user (one JOIN instead of a query per row).',
      'User n-plus-one: User.objects.select_related("profile") before a serializer reads profile.',
    ]);
    assert.deepEqual(hintsAt('Restaurant', 'place_ptr').slice(2), ['Place n-plus-one: Place.objects.select_related("restaurant") before a serializer reads restaurant.']);
  });

  it('prefetches both sides of a many-to-many, naming its join table', () => {
    assert.deepEqual(hintsAt('Profile', 'followers'), [
      'Profile relationship: Profile.followers → Profile: many-to-many: stored as a join table with a foreign key to each side (accounts_profile_followers).',
      'Profile n-plus-one: Profile.objects.prefetch_related("followers") before a serializer lists followers.',
      'Profile n-plus-one: Profile.objects.prefetch_related("following") before a serializer lists Profile rows of each Profile.',
    ]);
  });

  it('prefetches the reverse of a foreign key by its default name <model>_set', () => {
    assert.deepEqual(hintsAt('OrderItem', 'product').slice(2), ['Product n-plus-one: Product.objects.prefetch_related("orderitem_set") before a serializer nests OrderItem rows (two queries in all).']);
  });

  it('offers no reverse query where related_name="+" hides the reverse accessor', () => {
    const hidden = parseDjango([
      {
        file: 'audit/models.py',
        text: [
          'from django.conf import settings',
          'from django.db import models',
          '',
          'class Event(models.Model):',
          '    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")',
          '    watchers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="watched_events+")',
          '',
        ].join('\n'),
      },
    ]);
    assert.deepEqual(
      schemaHints(hidden).filter((h) => h.kind === 'n-plus-one').map((h) => h.text),
      ['Event.objects.select_related("actor") before a serializer reads actor (one JOIN instead of a query per row).', 'Event.objects.prefetch_related("watchers") before a serializer lists watchers.'],
    );
  });
});

describe('the missing-index hint of a SQL schema', function () {
  this.timeout(30_000);

  it('names a composite foreign key by its columns, and the target by its name when its id is qualified', async () => {
    const model = await parseSql([
      {
        file: 'shipping.sql',
        text: [
          'CREATE TABLE sales.order_lines (order_id bigint NOT NULL, line_no int NOT NULL, PRIMARY KEY (order_id, line_no));',
          'CREATE TABLE archive.order_lines (order_id bigint, line_no int);',
          'CREATE TABLE shipments (',
          '    id bigint PRIMARY KEY,',
          '    order_id bigint NOT NULL,',
          '    line_no int NOT NULL,',
          '    FOREIGN KEY (order_id, line_no) REFERENCES sales.order_lines (order_id, line_no)',
          ');',
          'CREATE INDEX shipments_order_idx ON shipments (order_id);',
          'CREATE TABLE likes (user_id bigint REFERENCES shipments (id), note text);',
          '',
        ].join('\n'),
      },
    ]);
    assert.deepEqual(
      schemaHints(model).filter((h) => h.kind === 'missing-index').map((h) => `${h.entity}@${h.line} ${h.topic}: ${h.text}`),
      [
        'shipments@7 indexing-query-optimization: shipments(order_id, line_no) references order_lines but has no index starting with these columns: joins and ON DELETE checks scan the table. PostgreSQL does not index foreign keys by itself.',
        'likes@10 indexing-query-optimization: likes(user_id) references shipments but has no index starting with this column: joins and ON DELETE checks scan the table. PostgreSQL does not index foreign keys by itself.',
      ],
    );
    assert.equal(schemaHints(model).find((h) => h.entity === 'shipments')?.text, 'shipments.order_id, line_no → order_lines: many-to-one: many rows here point at one row there (a foreign key).');
  });
});

describe('the schema drawn as a mermaid erDiagram (more)', () => {
  let model: SchemaModel;
  beforeEach(() => {
    model = parseDjango(readTree(FIXTURE));
  });
  const box = (source: string, head: string): string => {
    const start = source.indexOf(`\n  ${head} {\n`);
    assert.ok(start >= 0, `${head} in\n${source}`);
    return source.slice(start + 1, source.indexOf('\n  }', start + 1) + 4);
  };

  it('draws columns with their keys, leaves many-to-many fields out of the box, and draws relations to external models', () => {
    const { source } = toMermaid(model);
    assert.equal(box(source, 'Restaurant'), ['  Restaurant {', '    OneToOneField place_ptr PK, FK', '    BooleanField serves_pizza', '    ForeignKey reviewer FK', '  }'].join('\n'));
    assert.doesNotMatch(box(source, 'Product["Product (catalog_products)"]'), /tags/);
    assert.match(source, /^ {2}ContentType\n/m, 'an external model is drawn without columns');
    assert.match(source, /^ {2}Comment }o--\|\| ContentType : "content_type"$/m);
  });

  it('in a focused view, keeps relations to external models and drops those to models outside the focus', () => {
    const { source } = toMermaid(model, { only: new Set(['Comment', 'Restaurant']) });
    assert.deepEqual(source.split('\n').filter((line) => line.includes('--')), ['  Comment }o--|| ContentType : "content_type"']);
  });

  it('in the physical view, draws an implicit join table’s two sides and leaves an explicit through model its own keys', () => {
    const { source } = toMermaid(model, { physical: true });
    assert.match(source, /^ {2}Product \|\|--o\{ catalog_products_tags : "tags"$/m);
    assert.match(source, /^ {2}Tag \|\|--o\{ catalog_products_tags : "tags"$/m);
    assert.doesNotMatch(source, /: "products"$/m, 'Order.products goes through OrderItem, which draws its own foreign keys');
    assert.match(source, /^ {2}OrderItem }o--\|\| Order : "order"$/m);
    const focused = toMermaid(model, { physical: true, only: new Set(['Product', 'catalog_products_tags']) }).source;
    assert.deepEqual(focused.split('\n').filter((line) => line.includes('--')), ['  Product ||--o{ catalog_products_tags : "tags"'], 'the side outside the focus is left out');
  });

  it('keeps node names apart when ids differ only in case or start with a digit', async () => {
    const sql = await parseSql([{ file: 'x.sql', text: 'CREATE TABLE "Order" (id int PRIMARY KEY);\nCREATE TABLE "order" (id int PRIMARY KEY, parent int REFERENCES "Order" (id));\nCREATE TABLE "2fa_codes" (code text);\n' }]);
    const { source, nodes } = toMermaid(sql);
    assert.deepEqual([...nodes], [['Order', 'Order'], ['order', 'order_2'], ['2fa_codes', '_2fa_codes']]);
    assert.match(source, /^ {2}order_2\["order"\] \{$/m);
    assert.match(source, /^ {2}order_2 }o--o\| Order : "parent"$/m);
  });

  it('writes types and labels mermaid can read: spaces around brackets dropped, quotes and control characters replaced', () => {
    const entity = model.entities.find((e) => e.id === 'Tag');
    assert.ok(entity);
    const odd: SchemaModel = {
      ...model,
      entities: [{ ...entity, table: 'tag "archive"\r\nv2', fields: [{ name: '__version', type: 'varchar (40)' }, { name: 'total', type: 'numeric( 10 ,  2 )' }, { name: '2nd', type: '"char"' }] }],
      relations: [],
    };
    assert.equal(toMermaid(odd).source, ['erDiagram', `  Tag["Tag (tag 'archive' v2)"] {`, '    varchar(40) version', '    numeric(10,2) total', '    char _2nd', '  }'].join('\n'));
  });
});

describe('one schema from several inputs', function () {
  this.timeout(30_000);
  const prisma = (): { file: string; text: string } => ({ file: 'prisma/schema.prisma', text: fs.readFileSync(path.join(SCHEMA_FIXTURES, 'prisma', 'schema.prisma'), 'utf8') });

  it('picks the reader by extension, and reads TypeScript only when it imports drizzle-orm', () => {
    const drizzle = "import { pgTable } from 'drizzle-orm/pg-core';";
    assert.deepEqual(
      ['shop/models.PY', 'db/init.sql', 'schema.prisma', 'db/schema.ts', 'db/schema.mts', 'db/schema.cjs', 'db/schema.js', 'db/schema.json', 'db/schema.tsx', 'README.md'].map((file) => `${file}:${inputKind(file, drizzle) ?? '-'}`),
      ['shop/models.PY:django', 'db/init.sql:sql', 'schema.prisma:prisma', 'db/schema.ts:drizzle', 'db/schema.mts:drizzle', 'db/schema.cjs:drizzle', 'db/schema.js:drizzle', 'db/schema.json:-', 'db/schema.tsx:-', 'README.md:-'],
    );
    assert.equal(inputKind('db/schema.ts', 'import { z } from "zod";\nexport const users = z.object({});'), undefined);
  });

  it('gives an empty model for files no reader takes', async () => {
    assert.deepEqual(await parseSchema([{ file: 'README.md', text: '# Shop' }]), { entities: [], relations: [], problems: [], skipped: [] });
    assert.deepEqual(await parseSchema([]), { entities: [], relations: [], problems: [], skipped: [] });
  });

  it('qualifies an entity that another input already named, and points its relations at the new id', async () => {
    // The database Prisma migrated (its SQL) read together with the Prisma schema and a drizzle port of it.
    const sql = { file: 'prisma/migrations/0001_init/migration.sql', text: 'CREATE TABLE "Post" ("id" SERIAL NOT NULL, "title" VARCHAR(200) NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));\nCREATE TABLE "_CategoryToPost" ("A" INTEGER NOT NULL, "B" INTEGER NOT NULL);\n' };
    const drizzle = { file: 'src/db/schema.ts', text: "import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const Post = pgTable('Post', { id: serial('id').primaryKey() });\n" };
    const model = await parseSchema([sql, prisma(), drizzle]);
    assert.deepEqual(model.entities.filter((e) => e.name === 'Post' || e.name === '_CategoryToPost').map((e) => `${e.id} (${e.source})`), ['Post (sql)', '_CategoryToPost (sql)', 'schema.Post (prisma)', 'schema._CategoryToPost (prisma)', 'schema.Post~2 (drizzle)']);
    assert.deepEqual(
      model.relations.filter((r) => r.from === 'schema.Post' || r.to === 'schema.Post').map((r) => `${r.from}.${r.field} → ${r.to}${r.through ? ` through ${r.through}` : ''}`),
      ['schema.Post.author → User', 'Category.posts → schema.Post through schema._CategoryToPost', 'Comment.post → schema.Post'],
    );
    const json = toJson(model);
    assert.deepEqual(json.relations.find((r) => r.field === 'posts'), { from: 'Category', to: 'schema.Post', field: 'posts', kind: 'many-to-many', through: 'schema._CategoryToPost' });
    assert.deepEqual(json.entities.filter((e) => e.name === 'User').length, 1);
  });

  it('prints JSON with nullable columns, and problems and skipped constructs of every file in file and line order', async () => {
    const model = await parseSchema([
      { file: 'shop/models.py', text: 'from django.db import models\n\nclass Order(models.Model):\n    note = models.TextField(null=True)\n    total = money_field()\n    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE)\n' },
      { file: 'billing/models.py', text: 'from django.db import models\n\nclass Invoice(models.Model):\n    amount = models.DecimalField(max_digits=9, decimal_places=2\n' },
    ]);
    const json = toJson(model);
    assert.deepEqual(json.entities.find((e) => e.name === 'Order')?.fields, [{ name: 'id', type: 'AutoField', pk: true }, { name: 'note', type: 'TextField', nullable: true }, { name: 'buyer', type: 'ForeignKey' }]);
    assert.deepEqual(json.problems.map((p) => `${p.file}:${p.line}`), ['billing/models.py:4', 'shop/models.py:5', 'shop/models.py:6']);
    assert.deepEqual(
      json.problems.map((p) => p.message.split(' ').slice(0, 3).join(' ')),
      ['Python syntax error', 'skipped: `total =', '`Order.buyer` points to'],
    );
  });
});

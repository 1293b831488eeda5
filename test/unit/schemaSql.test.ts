import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDjango } from '../../src/core/schema/django';
import { schemaHints } from '../../src/core/schema/hints';
import type { SchemaModel } from '../../src/core/schema/model';
import { parseSql } from '../../src/core/schema/sql';
import { toMermaid } from '../../src/core/schema/toMermaid';
import { readTree, SCHEMA_FIXTURES as FIXTURES } from './schemaFixtures';

function read(name: string): { file: string; text: string } {
  return { file: name, text: fs.readFileSync(path.join(FIXTURES, 'sql', name), 'utf8') };
}

function table(model: SchemaModel, id: string) {
  const found = model.entities.find((e) => e.id === id);
  assert.ok(found, `table ${id} in ${model.entities.map((e) => e.id).join(', ')}`);
  return found;
}

describe('the PostgreSQL DDL reader (libpg-query)', function () {
  this.timeout(30_000);
  let dump: SchemaModel;
  // beforeEach, not before: Stryker counts what a before hook runs against whichever test ran last.
  beforeEach(async () => {
    dump = await parseSql([read('pg_dump.sql')]);
  });

  it('reads pg_dump output: tables of every schema, types as written, quoted names, psql lines and COPY data skipped', () => {
    assert.deepEqual(dump.entities.filter((e) => !e.external).map((e) => `${e.group}.${e.name}:${e.line}`), ['public.customers:17', 'public.orders:24', 'public.order_lines:32', 'billing.Invoice:40', 'public.after_the_error:80']);
    assert.deepEqual(table(dump, 'customers').fields.map((f) => `${f.name} ${f.type}${f.pk ? ' pk' : ''}${f.unique ? ' unique' : ''}${f.nullable ? ' null' : ''}`), [
      'id integer pk',
      'email character varying(254) unique',
      'Display Name text null',
      'created_at timestamp with time zone',
    ]);
    assert.equal(table(dump, 'orders').fields.find((f) => f.name === 'total')?.type, 'numeric(10, 2)');
  });

  it('reads inline and table constraints, ALTER TABLE … ADD CONSTRAINT (DEFERRABLE INITIALLY DEFERRED), composite keys and indexes', () => {
    assert.deepEqual(
      dump.relations.map((r) => `${r.from}.${r.field} ${r.kind} ${r.to}${r.nullable ? ' null' : ''}`),
      ['Invoice.order_id one-to-one orders null', 'orders.customer_id many-to-one customers', 'order_lines.order_id many-to-one orders'],
    );
    const lines = table(dump, 'order_lines');
    assert.deepEqual(lines.fields.filter((f) => f.pk).map((f) => f.name), ['order_id', 'line_no']);
    assert.deepEqual(table(dump, 'orders').indexes.map((i) => `${i.name}:${i.check ?? i.fields.join(',')}`), ['orders_total_check:((total >= (0)::numeric))', 'orders_note_idx:(expression)']);
    assert.equal(table(dump, 'customers').indexes[0].name, 'customers_email_key');
  });

  it('names a half-typed statement with its line and still reads the statements around it', () => {
    assert.deepEqual(dump.problems, [{ file: 'pg_dump.sql', line: 80, message: 'SQL: syntax error at or near "CREATE" (in the statement from line 76); the other statements are still drawn.' }]);
    assert.ok(table(dump, 'after_the_error'));
  });

  it('flags a foreign key without an index, with the indexing note, and not one the primary key or a UNIQUE covers', () => {
    const flagged = schemaHints(dump).filter((h) => h.kind === 'missing-index');
    assert.deepEqual(flagged.map((h) => [h.entity, h.topic, h.line]), [['orders', 'indexing-query-optimization', 69]]);
    assert.match(flagged[0].text, /^orders\(customer_id\) references customers but has no index/);
  });

  it('reads the SQL Django writes for the Django fixture, and finds the same tables and relations as the Django reader', async () => {
    const sql = await parseSql([read('django-sqlmigrate.sql')]);
    assert.deepEqual(sql.problems, []);
    const django = parseDjango(readTree(path.join(FIXTURES, 'django')).filter((f) => !f.file.startsWith('blog/')));
    const tableOf = (id: string): string => {
      const entity = django.entities.find((e) => e.id === id);
      return entity?.table ?? `${entity?.group}_${entity?.name}`.toLowerCase();
    };
    const fromDjango = django.entities.filter((e) => !e.abstract && !e.external && !['Comment'].includes(e.name)).map((e) => (e.implicit ? e.name : tableOf(e.id))).sort();
    assert.deepEqual(sql.entities.filter((e) => !e.external && e.name !== 'orders_comment').map((e) => e.name).sort(), fromDjango);
    assert.deepEqual(schemaHints(sql).filter((h) => h.kind === 'missing-index'), [], 'Django indexes every foreign key');
    assert.equal(sql.relations.find((r) => r.from === 'accounts_profile')?.kind, 'one-to-one', 'a UNIQUE foreign key is one-to-one');
  });

  it('draws types mermaid would reject, normalised', () => {
    const { source } = toMermaid(dump);
    assert.match(source, /numeric\(10,2\) total/);
    assert.match(source, /timestamp_with_time_zone created_at/);
    assert.match(source, /text Display_Name/);
    assert.match(source, /Invoice \|o--o\| orders : "order_id"/);
  });

  it('survives a file its scanner rejects (an unterminated quote), reading the statements before it', async () => {
    const model = await parseSql([{ file: 'broken.sql', text: "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int, a_id int REFERENCES a(id));\nINSERT INTO a VALUES ('unterminated;\n" }]);
    assert.deepEqual(model.entities.map((e) => e.name), ['a', 'b']);
    assert.equal(model.problems.length, 1);
    assert.equal(model.problems[0].line, 3);
  });
});

import * as assert from 'node:assert/strict';
import { parseDrizzle } from '../../src/core/schema/drizzle';
import type { SchemaModel } from '../../src/core/schema/model';

// A billing module of a drizzle schema: tables in a pgSchema (through a variable and inline), a shared column object,
// a spread and a column the parser cannot see (imported / computed), a reference to a table in another file,
// extra config as a parenthesized array (old positional primaryKey) and as an object, and tables made in a loop.
const BILLING = `import { boolean, foreignKey, index, integer, pgSchema, primaryKey, text, timestamp, unique, varchar } from 'drizzle-orm/pg-core';
import { auditColumns } from './audit';
import { accounts } from './accounts';

export const billing = pgSchema('billing');

const money = {
  amountCents: integer('amount_cents').notNull(),
  currency: varchar('currency', { length: 3 }).notNull(),
};

export const invoices = billing.table('invoices', {
  id: integer('id').primaryKey(),
  accountId: integer('account_id').notNull().references(() => accounts.id),
  tags: text('tags').array(),
  issuedAt: timestamp('issued_at', { withTimezone: false }).notNull(),
  ...money,
  ...auditColumns,
  legacyId: legacyColumn,
});

export const invoiceLines = pgSchema('billing').table(
  'invoice_lines',
  {
    invoiceId: integer('invoice_id').notNull(),
    lineNo: integer('line_no').notNull(),
    description: text('description'),
    paid: boolean('paid').default(false),
  },
  (t) => ([
    primaryKey(t.invoiceId, t.lineNo),
    foreignKey({ columns: [t.invoiceId], foreignColumns: [invoices.id] }),
    unique('invoice_lines_description_key').on(t.description),
    index().on(t.paid),
  ]),
);

export const refunds = billing.table(
  'refunds',
  {
    invoiceId: integer('invoice_id').notNull().references(() => invoices.id),
    reason: text('reason'),
  },
  (t) => ({
    pk: primaryKey({ name: 'refunds_pk', columns: [t.invoiceId] }),
  }),
);

let n = 0;
while (n < 2) {
  billing.table(\`archive_\${n++}\`, {});
}
`;

describe('the drizzle reader on a pgSchema module', () => {
  const FILE = 'src/db/schema.ts';
  let model: SchemaModel;
  // Read per test, not when the file loads: Stryker activates a mutant only while tests run.
  beforeEach(() => {
    model = parseDrizzle([{ file: FILE, text: BILLING }]);
  });
  const fields = (id: string): string[] => {
    const entity = model.entities.find((e) => e.id === id);
    assert.ok(entity, id);
    return entity.fields.map((f) => `${f.name} ${f.type}${f.pk ? ' pk' : ''}${f.fk ? ' fk' : ''}${f.unique ? ' unique' : ''}${f.nullable ? ' null' : ''}@${f.line}`);
  };

  it('reads tables of pgSchema(…).table and of a schema variable into that schema, named by variable', () => {
    assert.deepEqual(model.entities.map((e) => `${e.group}.${e.id}${e.table ? ` (${e.table})` : ''}@${e.line}`), ['billing.invoices@12', 'billing.invoiceLines (invoice_lines)@22', 'billing.refunds@38']);
  });

  it('reads columns with arrays, time zones, lengths and shared column objects, and shows each builder call', () => {
    assert.deepEqual(fields('invoices'), ['id integer pk@13', 'account_id integer fk@14', 'tags text[] null@15', 'issued_at timestamp@16', 'amount_cents integer@8', 'currency varchar(3)@9']);
    assert.deepEqual(
      model.entities[0].fields.map((f) => f.detail),
      [
        "id: integer('id').primaryKey()",
        "accountId: integer('account_id').notNull().references(() => accounts.id)",
        "tags: text('tags').array()",
        "issuedAt: timestamp('issued_at', { withTimezone: false }).notNull()",
        "amountCents: integer('amount_cents').notNull()",
        "currency: varchar('currency', { length: 3 }).notNull()",
      ],
    );
  });

  it('reads the extra config: positional and named primary keys, foreign keys, named and unnamed indexes', () => {
    assert.deepEqual(fields('invoiceLines'), ['invoice_id integer pk fk@25', 'line_no integer pk@26', 'description text null@27', 'paid boolean null@28']);
    assert.deepEqual(model.entities[1].indexes, [
      { fields: ['invoice_id', 'line_no'], unique: true, name: 'primary key', line: 31 },
      { fields: ['description'], unique: true, name: 'invoice_lines_description_key', line: 33 },
      { fields: ['paid'], line: 34 },
    ]);
    assert.deepEqual(model.entities[2].indexes, [{ fields: ['invoice_id'], unique: true, name: 'refunds_pk', line: 45 }]);
    assert.deepEqual(fields('refunds'), ['invoice_id integer pk fk@41', 'reason text null@42']);
  });

  it('relates tables, one-to-one when the key is the primary key, and names a reference it cannot resolve', () => {
    assert.deepEqual(model.relations, [
      { from: 'invoiceLines', to: 'invoices', field: 'invoice_id', kind: 'many-to-one', columns: ['invoice_id'], file: FILE, line: 32 },
      { from: 'refunds', to: 'invoices', field: 'invoice_id', kind: 'one-to-one', columns: ['invoice_id'], file: FILE, line: 41 },
    ]);
    assert.deepEqual(model.problems, [{ file: FILE, line: 14, message: '`invoices` references `accounts`, which is not a table in the files read.' }]);
  });

  it('lists what it does not follow: a loop, a spread it cannot see, a column that is not a builder call', () => {
    assert.deepEqual(model.skipped, [
      { file: FILE, line: 50, message: 'tables made in a loop are not drawn (the schema is read, not run).' },
      { file: FILE, line: 18, message: '`...auditColumns` in `invoices` is not a column object the parser can see; its columns are not drawn.' },
      { file: FILE, line: 19, message: 'column `legacyId` of `invoices` is not a column builder call; it is not drawn.' },
    ]);
  });

  it('names a syntax error by the start of its statement', () => {
    const broken = parseDrizzle([{ file: FILE, text: BILLING.replace("reason: text('reason'),", "reason: text('reason',") }]);
    assert.deepEqual(broken.problems.slice(0, 1), [{ file: FILE, line: 38, message: 'TypeScript syntax error in the statement starting `export const refunds = billing.table(`; the other tables are still drawn.' }]);
    assert.deepEqual(broken.entities.map((e) => e.id).slice(0, 2), ['invoices', 'invoiceLines']);
  });
});

describe('the drizzle reader on keys between tables', () => {
  it('names the group after the file, makes a unique reference one-to-one, and reads a composite foreign key', () => {
    const text = [
      "import { foreignKey, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';",
      '',
      "export const users = pgTable('users', { id: serial('id').primaryKey() });",
      '',
      "export const passports = pgTable('passports', {",
      "  id: serial('id').primaryKey(),",
      "  userId: integer('user_id').notNull().unique().references(() => users.id),",
      '});',
      '',
      'export const visas = pgTable(',
      "  'visas',",
      '  {',
      "    passportId: integer('passport_id').notNull(),",
      "    userId: integer('user_id'),",
      "    country: text('country').notNull(),",
      '  },',
      '  (t) => [foreignKey({ columns: [t.passportId, t.userId], foreignColumns: [passports.id, passports.userId] })],',
      ');',
      '',
    ].join('\n');
    const model = parseDrizzle([{ file: 'src/db/travel.mts', text }]);
    assert.deepEqual(model.entities.map((e) => `${e.group}.${e.id}`), ['travel.users', 'travel.passports', 'travel.visas']);
    assert.deepEqual(
      model.relations.map((r) => `${r.from}.${r.field} ${r.kind} ${r.to}${r.nullable ? ' null' : ''}@${r.line}`),
      ['passports.user_id one-to-one users@7', 'visas.passport_id, user_id many-to-one passports null@17'],
    );
  });
});

import * as assert from 'node:assert/strict';
import { schemaHints } from '../../src/core/schema/hints';
import type { SchemaModel } from '../../src/core/schema/model';
import { parsePrisma } from '../../src/core/schema/prisma';

// A multi-file Prisma schema (prisma/schema/*.prisma) with multiSchema and views: composite keys, @map, an
// Unsupported type, one-to-one by @unique or @@unique without a back side, a named implicit many-to-many, and a
// list field whose other side is missing (prisma validate would refuse it; the diagram still shows the rest).
const SHOP = `// The shop's schema on PostgreSQL with two schemas (previewFeatures multiSchema and views).
model Account {
  id       String    @id @default(uuid()) @db.Uuid
  email    String    @map("email_address")
  area     Unsupported("circle")?
  tags     String[]
  profile  Profile?
  orders   Order[]
  wishlist Product[] @relation("Wishlist")

  @@unique([email], map: "account_email_key")
  @@map("accounts")
  @@schema("base")
}

model Profile {
  accountId String  @db.Uuid
  account   Account @relation(fields: [accountId], references: [id])
  bio       String?

  @@unique([accountId])
  @@schema("base")
}

model Order {
  number    Int
  year      Int
  accountId String      @db.Uuid
  account   Account?    @relation(fields: [accountId], references: [id], onDelete: Cascade)
  lines     OrderLine[]

  @@id([number, year], name: "orderKey")
  @@index([accountId], map: "order_account_idx")
  @@schema("shop")
}

model OrderLine {
  orderNumber Int
  orderYear   Int
  sku         String
  order       Order  @relation(fields: [orderNumber, orderYear], references: [number, year])

  @@id([orderNumber, orderYear, sku])
  @@schema("shop")
}

model Shipment {
  id          Int   @id
  orderNumber Int
  orderYear   Int
  order       Order @relation(fields: [orderNumber, orderYear], references: [number, year])

  @@unique([orderYear, orderNumber])
  @@schema("shop")
}

model Product {
  sku     String    @id
  fans    Account[] @relation("Wishlist")
  brand   Brand     @relation(fields: [brandId], references: [id])
  brandId Int       @unique

  @@schema("shop")
}

model Brand {
  id   Int    @id
  name String

  @@schema("shop")
}

model Warehouse {
  id       Int       @id
  products Product[]

  @@schema("shop")
}

view TopProduct {
  sku   String @unique
  sales Int

  @@schema("shop")
}
`;

// Two half-typed models: each is one problem at its line, and the models around them are still read.
const BROKEN = `model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
  title    String @db.VarChar(
}

model Draft {
  id Int @id
  body String = "x"
}

model Tag {
  id Int @id
}
`;

describe('the Prisma reader on a multi-schema project', () => {
  let model: SchemaModel;
  // Read per test, not when the file loads: Stryker activates a mutant only while tests run.
  beforeEach(() => {
    model = parsePrisma([{ file: 'prisma/schema/shop.prisma', text: SHOP }]);
  });
  const entity = (id: string) => {
    const found = model.entities.find((e) => e.id === id);
    assert.ok(found, id);
    return found;
  };
  const FILE = 'prisma/schema/shop.prisma';

  it('reads models and views into their @@schema, with @map, Unsupported and list types in the side panel details', () => {
    assert.deepEqual(model.entities.map((e) => `${e.group}.${e.name}${e.table ? ` (${e.table})` : ''}${e.implicit ? ' implicit' : ''}@${e.line}`), [
      'base.Account (accounts)@2',
      'base.Profile@16',
      'shop.Order@25',
      'shop.OrderLine@37',
      'shop.Shipment@47',
      'shop.Product@57',
      'shop.Brand@66',
      'shop.Warehouse@73',
      'shop.TopProduct@80',
      'base._Wishlist implicit@9',
    ]);
    assert.deepEqual(entity('Account').fields, [
      { name: 'id', type: 'String', line: 3, pk: true },
      { name: 'email', type: 'String', line: 4, detail: 'column "email_address"' },
      { name: 'area', type: 'Unsupported("circle")', line: 5, nullable: true, detail: 'type Unsupported("circle")' },
      { name: 'tags', type: 'String[]', line: 6 },
      { name: 'profile', type: 'Profile', virtual: true, nullable: true, line: 7 },
      { name: 'orders', type: 'Order[]', virtual: true, line: 8 },
      { name: 'wishlist', type: 'Product[]', virtual: true, line: 9 },
    ]);
    assert.deepEqual(entity('TopProduct').fields, [{ name: 'sku', type: 'String', line: 81, unique: true }, { name: 'sales', type: 'Int', line: 82 }]);
  });

  it('reads @@id, @@unique and @@index with their names, and marks foreign key columns', () => {
    assert.deepEqual(entity('Account').indexes, [{ fields: ['email'], unique: true, name: 'account_email_key', line: 11 }]);
    assert.deepEqual(entity('Order').indexes, [{ fields: ['number', 'year'], unique: true, name: 'orderKey', line: 32 }, { fields: ['accountId'], name: 'order_account_idx', line: 33 }]);
    assert.deepEqual(entity('OrderLine').indexes, [{ fields: ['orderNumber', 'orderYear', 'sku'], unique: true, name: 'primary key', line: 43 }]);
    assert.deepEqual(entity('Shipment').indexes, [{ fields: ['orderYear', 'orderNumber'], unique: true, line: 53 }]);
    assert.deepEqual(
      model.entities.flatMap((e) => e.fields.filter((f) => f.pk || f.fk).map((f) => `${e.name}.${f.name}${f.pk ? ' pk' : ''}${f.fk ? ' fk' : ''}`)),
      ['Account.id pk', 'Profile.accountId fk', 'Order.number pk', 'Order.year pk', 'Order.accountId fk', 'OrderLine.orderNumber pk fk', 'OrderLine.orderYear pk fk', 'OrderLine.sku pk', 'Shipment.id pk', 'Shipment.orderNumber fk', 'Shipment.orderYear fk', 'Product.sku pk', 'Product.brandId fk', 'Brand.id pk', 'Warehouse.id pk', '_Wishlist.A fk', '_Wishlist.B fk'],
    );
  });

  it('relates models: one-to-one by a unique foreign key or a singular back side, composite keys, a named many-to-many', () => {
    assert.deepEqual(model.relations, [
      { from: 'Profile', to: 'Account', field: 'account', kind: 'one-to-one', columns: ['accountId'], file: FILE, line: 18 },
      { from: 'Order', to: 'Account', field: 'account', kind: 'many-to-one', nullable: true, columns: ['accountId'], file: FILE, line: 29 },
      { from: 'Account', to: 'Product', field: 'wishlist', kind: 'many-to-many', through: '_Wishlist', file: FILE, line: 9 },
      { from: 'OrderLine', to: 'Order', field: 'order', kind: 'many-to-one', columns: ['orderNumber', 'orderYear'], file: FILE, line: 41 },
      { from: 'Shipment', to: 'Order', field: 'order', kind: 'one-to-one', columns: ['orderNumber', 'orderYear'], file: FILE, line: 51 },
      { from: 'Product', to: 'Brand', field: 'brand', kind: 'one-to-one', columns: ['brandId'], file: FILE, line: 60 },
    ]);
    // Prisma's join table: columns A and B typed as the primary keys of the models in name order, unique together.
    assert.deepEqual(entity('_Wishlist').fields, [{ name: 'A', type: 'String', fk: true }, { name: 'B', type: 'String', fk: true }]);
    assert.deepEqual(entity('_Wishlist').indexes, [{ fields: ['A', 'B'], unique: true }, { fields: ['B'] }]);
    assert.deepEqual(model.problems, [{ file: FILE, line: 75, message: '`Warehouse.products` has no other side in `Product` (Prisma needs both sides of a relation).' }]);
  });

  it('flags no foreign key here: an @@id, @@unique (its columns in any order), @@index or @unique starts with each', () => {
    assert.deepEqual(schemaHints(model).filter((h) => h.kind === 'missing-index'), []);
    const reordered = parsePrisma([{ file: FILE, text: SHOP.replace('@@unique([orderYear, orderNumber])', '@@unique([orderYear, id])') }]);
    assert.deepEqual(schemaHints(reordered).filter((h) => h.kind === 'missing-index').map((h) => `${h.entity}@${h.line}`), ['Shipment@51']);
  });
});

describe('the Prisma reader on half-typed models', () => {
  it('reports each with the token it stopped at and the block it blanked, and reads the models around them', () => {
    const model = parsePrisma([{ file: 'schema.prisma', text: BROKEN }]);
    assert.deepEqual(model.problems, [
      { file: 'schema.prisma', line: 10, message: 'Prisma syntax error at the end of a line (in the block from line 6); the other models are still drawn.' },
      { file: 'schema.prisma', line: 15, message: 'Prisma syntax error at `=` (in the block from line 13); the other models are still drawn.' },
    ]);
    assert.deepEqual(model.entities.map((e) => `${e.name}@${e.line}`), ['User@1', 'Tag@18']);
  });

  it('reports a model cut off at the end of the file at its last line', () => {
    const model = parsePrisma([{ file: 'prisma/schema/cut.prisma', text: 'model A {\n  id Int @id\n}\nmodel B {\n  id Int @id\n  a A' }]);
    assert.deepEqual(model.problems, [{ file: 'prisma/schema/cut.prisma', line: 6, message: 'Prisma syntax error at the end of a line (in the block from line 4); the other models are still drawn.' }]);
    assert.deepEqual(model.entities.map((e) => `${e.group}.${e.name}`), ['cut.A']);
  });
});

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseDjango } from '../../src/core/schema/django';
import { schemaHints } from '../../src/core/schema/hints';
import { toJson, type SchemaModel } from '../../src/core/schema/model';
import { toMermaid } from '../../src/core/schema/toMermaid';
import { isExtensionToWebview, isWebviewToExtension } from '../../src/protocol';
import { readTree, SCHEMA_FIXTURES } from './schemaFixtures';

const FIXTURE = path.join(SCHEMA_FIXTURES, 'django');

function entity(model: SchemaModel, id: string) {
  const found = model.entities.find((e) => e.id === id);
  assert.ok(found, `entity ${id} in ${model.entities.map((e) => e.id).join(', ')}`);
  return found;
}

function relation(model: SchemaModel, from: string, field: string) {
  const found = model.relations.find((r) => r.from === from && r.field === field);
  assert.ok(found, `relation ${from}.${field}`);
  return found;
}

// Models are read in beforeEach, not in the describe body: Stryker activates a mutant only while tests run, so a
// model read once when the file loads would never see one.
describe('the Django schema reader', () => {
  let model: SchemaModel;
  beforeEach(() => {
    model = parseDjango(readTree(FIXTURE));
  });

  it('finds the models of every app, in models.py files and models/ packages, at their class lines', () => {
    const drawn = model.entities.filter((e) => !e.external && !e.implicit && !e.abstract);
    assert.deepEqual(
      drawn.map((e) => `${e.group}.${e.name}@${e.file}:${e.line}`),
      [
        'accounts.User@accounts/models.py:6',
        'accounts.Profile@accounts/models.py:15',
        'blog.Post@blog/models.py:4',
        'blog.Like@blog/models.py:14',
        'catalog.Category@catalog/models/product.py:9',
        'catalog.Product@catalog/models/product.py:18',
        'catalog.Tag@catalog/models/tag.py:4',
        'orders.Order@orders/models.py:14',
        'orders.OrderItem@orders/models.py:21',
        'orders.Place@orders/models.py:30',
        'orders.Restaurant@orders/models.py:35',
        'orders.Comment@orders/models.py:40',
      ],
    );
  });

  it('reads annotated fields, flags and the implicit id typed by DEFAULT_AUTO_FIELD', () => {
    const user = entity(model, 'User');
    const email = user.fields.find((f) => f.name === 'email');
    assert.deepEqual([email?.type, email?.unique, email?.line], ['EmailField', true, 9]);
    assert.equal(user.fields.find((f) => f.name === 'display_name')?.type, 'CharField');
    assert.deepEqual(user.fields[0], { name: 'id', type: 'BigAutoField', pk: true, detail: 'implicit primary key (BigAutoField)', line: 6 });
    // AbstractUser's own columns come with it, so a custom user shows the table it really has.
    assert.ok(['password', 'last_login', 'username', 'is_staff', 'date_joined'].every((name) => user.fields.some((f) => f.name === name)));
    assert.equal(user.fields.filter((f) => f.name === 'email').length, 1, 'the child’s email overrides AbstractUser’s');
    assert.equal(entity(model, 'Profile').fields.find((f) => f.name === 'avatar')?.nullable, true);
  });

  it('folds abstract bases into their children, with their indexes and related_name placeholders filled in', () => {
    const product = entity(model, 'Product');
    assert.deepEqual(product.fields.slice(0, 4).map((f) => f.name), ['id', 'created_at', 'updated_at', 'owner']);
    assert.equal(entity(model, 'Owned').abstract, true);
    assert.equal(entity(model, 'TimeStampedModel').abstract, true);
    assert.equal(relation(model, 'Product', 'owner').relatedName, 'catalog_product_set');
    assert.equal(relation(model, 'Product', 'owner').to, 'User');
    assert.ok(!model.relations.some((r) => r.from === 'Owned'), 'an abstract model has no table, so no relation of its own');
    // Category declares its own Meta, so it does not inherit TimeStampedModel's Meta.indexes (Django's rule).
    assert.deepEqual(entity(model, 'Category').indexes.map((i) => i.fields), [['parent', 'name'], ['created_at']]);
  });

  it('resolves targets as classes, "Model", "app.Model", "self", settings.AUTH_USER_MODEL and get_user_model()', () => {
    assert.deepEqual(
      ['Profile.user', 'Profile.followers', 'Post.author', 'Category.parent', 'Product.category', 'Product.tags', 'OrderItem.product', 'Order.customer', 'Restaurant.reviewer'].map((key) => {
        const [from, field] = key.split('.');
        const r = relation(model, from, field);
        return `${key} ${r.kind} ${r.to}${r.nullable ? ' null' : ''}`;
      }),
      [
        'Profile.user one-to-one User',
        'Profile.followers many-to-many Profile',
        'Post.author many-to-one User',
        'Category.parent many-to-one Category null',
        'Product.category many-to-one Category',
        'Product.tags many-to-many Tag',
        'OrderItem.product many-to-one Product',
        'Order.customer many-to-one User',
        'Restaurant.reviewer many-to-one User null',
      ],
    );
    assert.equal(relation(model, 'Product', 'category').relatedName, 'products');
  });

  it('makes the implicit join table of a ManyToManyField without through, named as Django names it', () => {
    const tags = relation(model, 'Product', 'tags');
    assert.equal(tags.through, 'catalog_products_tags', 'Meta.db_table prefixes the join table');
    const join = entity(model, 'catalog_products_tags');
    assert.equal(join.implicit, true);
    assert.deepEqual(join.fields.map((f) => f.name), ['id', 'product_id', 'tag_id']);
    assert.deepEqual(entity(model, 'accounts_profile_followers').fields.map((f) => f.name), ['id', 'from_profile_id', 'to_profile_id']);
    assert.equal(relation(model, 'Order', 'products').through, 'OrderItem', 'an explicit through model is the join table');
    assert.equal(relation(model, 'User', 'groups').through, 'accounts_user_groups', 'PermissionsMixin’s groups, on the custom user');
  });

  it('draws multi-table inheritance as a one-to-one parent link that is the primary key', () => {
    const restaurant = entity(model, 'Restaurant');
    assert.deepEqual(restaurant.fields[0], { name: 'place_ptr', type: 'OneToOneField', pk: true, unique: true, fk: true, detail: 'parent link to Place (multi-table inheritance)', line: 35 });
    assert.ok(!restaurant.fields.some((f) => f.name === 'name'), 'the parent’s columns stay in its own table');
    assert.equal(relation(model, 'Restaurant', 'place_ptr').kind, 'one-to-one');
  });

  it('reads Meta: db_table, multi-line indexes, unique_together, constraints', () => {
    const product = entity(model, 'Product');
    assert.equal(product.table, 'catalog_products');
    assert.deepEqual(
      product.indexes.map((i) => `${i.name ?? ''}:${i.fields.join(',')}${i.unique ? ':unique' : ''}${i.check ? `:check ${i.check}` : ''}@${i.line}`),
      // db_index=True on the inherited created_at adds its own index; the abstract base's Meta.indexes stay behind.
      ['product_category_price:category,-price@29', 'product_title:title@33', 'unique_title_per_owner:owner,title:unique@36', 'price_not_negative::check Q(price__gte=0)@37', ':created_at@7'],
    );
    assert.deepEqual(entity(model, 'OrderItem').indexes.map((i) => [i.fields, i.unique]), [[['order', 'product'], true]]);
  });

  it('keeps GenericForeignKey as a field without a drawn relation, and ContentType as an external entity', () => {
    const comment = entity(model, 'Comment');
    assert.deepEqual(comment.fields.find((f) => f.name === 'target'), { name: 'target', type: 'GenericForeignKey', virtual: true, detail: 'GenericForeignKey("content_type", "object_id")', line: 43 });
    assert.equal(relation(model, 'Comment', 'content_type').to, 'ContentType');
    assert.equal(entity(model, 'ContentType').external, true);
    assert.ok(!model.relations.some((r) => r.field === 'target'));
  });

  it('reports a syntax error at its statement and still reads the rest of the file', () => {
    assert.deepEqual(model.problems, [
      { file: 'blog/models.py', line: 8, message: 'Python syntax error in the statement starting `published = models.DateTimeField(null=True, blank=`; the rest of the file is still read.' },
    ]);
    assert.equal(relation(model, 'Like', 'post').to, 'Post');
  });

  it('lists dynamic constructs as skipped instead of guessing', () => {
    assert.deepEqual(
      model.skipped.map((s) => `${s.file}:${s.line}`),
      ['orders/models.py:18', 'orders/models.py:47'],
    );
    assert.match(model.skipped[0].message, /money_field/);
  });

  it('prints the JSON shape of the command line, entity names as the classes are named', () => {
    const json = toJson(model);
    assert.deepEqual(Object.keys(json), ['entities', 'relations', 'problems']);
    assert.deepEqual(json.entities.find((e) => e.name === 'Tag'), {
      name: 'Tag',
      file: 'catalog/models/tag.py',
      line: 4,
      fields: [{ name: 'id', type: 'BigAutoField', pk: true }, { name: 'name', type: 'SlugField', unique: true }],
    });
    assert.deepEqual(json.entities.find((e) => e.name === 'Owned')?.abstract, true);
    assert.deepEqual(json.relations.find((r) => r.field === 'tags'), { from: 'Product', to: 'Tag', field: 'tags', kind: 'many-to-many', through: 'catalog_products_tags' });
    assert.ok(!json.entities.some((e) => e.name === 'catalog_products_tags' || e.name === 'Group'), 'join tables and external models only as relation ends');
    assert.deepEqual(json.problems.map((p) => p.line), [8, 18, 47]);
  });

  it('qualifies a class name two apps share, and resolves "app.Model" to the right one', () => {
    const clash = parseDjango([
      { file: 'shop/models.py', text: 'from django.db import models\nclass Tag(models.Model):\n    name = models.CharField(max_length=9)\n' },
      { file: 'blog/models.py', text: 'from django.db import models\nclass Tag(models.Model):\n    label = models.CharField(max_length=9)\nclass Post(models.Model):\n    tag = models.ForeignKey("shop.Tag", on_delete=models.CASCADE)\n    own = models.ForeignKey(Tag, on_delete=models.CASCADE)\n' },
    ]);
    assert.deepEqual(clash.entities.map((e) => e.id), ['shop.Tag', 'blog.Tag', 'Post']);
    assert.deepEqual(clash.relations.map((r) => r.to), ['shop.Tag', 'blog.Tag']);
    assert.deepEqual(toJson(clash).relations.map((r) => r.to), ['shop.Tag', 'blog.Tag']);
  });

  it('names an unknown target as a problem with its line, and draws it as external', () => {
    const unknown = parseDjango([{ file: 'a/models.py', text: 'from django.db import models\n\nclass A(models.Model):\n    b = models.ForeignKey(Missing, on_delete=models.CASCADE)\n' }]);
    assert.deepEqual(unknown.problems, [{ file: 'a/models.py', line: 4, message: '`A.b` points to `Missing`, which is not a model in the files read.' }]);
    assert.equal(unknown.entities.find((e) => e.name === 'Missing')?.external, true);
  });

  it('teaches: each relation links the relationships note and offers select_related / prefetch_related', () => {
    const line = relation(model, 'Product', 'category').line;
    const hints = schemaHints(model).filter((h) => h.line === line && ['Product', 'Category'].includes(h.entity));
    assert.deepEqual(
      hints.map((h) => `${h.entity} ${h.topic} ${h.text}`),
      [
        'Product relationships Product.category → Category: many-to-one: many rows here point at one row there (a foreign key).',
        'Product orm-n-plus-one Product.objects.select_related("category") before a serializer reads category (one JOIN instead of a query per row).',
        'Category orm-n-plus-one Category.objects.prefetch_related("products") before a serializer nests Product rows (two queries in all).',
      ],
    );
    assert.ok(!schemaHints(model).some((h) => h.kind === 'missing-index'), 'Django indexes every ForeignKey itself');
  });
});

describe('the schema as a mermaid erDiagram', () => {
  const model: SchemaModel = {
    entities: [
      { id: 'public.orders', name: 'public.orders', group: 'public', file: 'a.sql', line: 1, source: 'sql', indexes: [], fields: [
        { name: 'id', type: 'bigint', pk: true },
        { name: 'total', type: 'numeric(10, 2)' },
        { name: 'placed at', type: 'timestamp with time zone', nullable: true },
        { name: 'customer_id', type: 'integer', fk: true },
        { name: 'code', type: '"char"', unique: true },
      ] },
      { id: 'Customer', name: 'Customer', group: 'public', file: 'a.sql', line: 9, source: 'sql', indexes: [], fields: [{ name: 'id', type: 'integer', pk: true }] },
      { id: 'Tag', name: 'Tag', group: 'public', file: 'a.sql', line: 12, source: 'sql', indexes: [], fields: [] },
      { id: 'orders_tags', name: 'orders_tags', group: 'public', file: 'a.sql', line: 14, source: 'sql', implicit: true, indexes: [], fields: [{ name: 'orders_id', type: 'bigint', fk: true }] },
    ],
    relations: [
      { from: 'public.orders', to: 'Customer', field: 'customer_id', kind: 'many-to-one', nullable: true, file: 'a.sql', line: 5 },
      { from: 'public.orders', to: 'Tag', field: 'tags', kind: 'many-to-many', through: 'orders_tags', file: 'a.sql', line: 6 },
    ],
    problems: [],
    skipped: [],
  };

  it('normalises what mermaid rejects (spaced types, quoted names, dots) and keeps the real text in the model', () => {
    const { source, nodes } = toMermaid(model);
    assert.equal(
      source,
      [
        'erDiagram',
        '  public_orders["public.orders"] {',
        '    bigint id PK',
        '    numeric(10,2) total',
        '    timestamp_with_time_zone placed_at',
        '    integer customer_id FK',
        '    char code UK',
        '  }',
        '  Customer {',
        '    integer id PK',
        '  }',
        '  Tag',
        '  public_orders }o--o| Customer : "customer_id"',
        '  public_orders }o--o{ Tag : "tags"',
      ].join('\n'),
    );
    assert.equal(nodes.get('public.orders'), 'public_orders');
    assert.equal(model.entities[0].fields[1].type, 'numeric(10, 2)');
  });

  it('draws many-to-many as its join table when physical, and only the chosen entities when filtered', () => {
    const physical = toMermaid(model, { physical: true }).source;
    assert.match(physical, /public_orders \|\|--o\{ orders_tags : "tags"\n {2}Tag \|\|--o\{ orders_tags : "tags"/);
    assert.doesNotMatch(physical, /}o--o\{/);
    const focused = toMermaid(model, { only: new Set(['Customer']) }).source;
    assert.equal(focused, 'erDiagram\n  Customer {\n    integer id PK\n  }');
  });

  it('draws the Django fixture with the cardinalities of each relation kind', () => {
    const { source } = toMermaid(parseDjango(readTree(FIXTURE)));
    for (const line of ['Profile |o--|| User : "user"', 'Category }o--o| Category : "parent"', 'Product }o--o{ Tag : "tags"', 'Restaurant |o--|| Place : "place_ptr"', 'Product["Product (catalog_products)"] {']) {
      assert.ok(source.includes(line), `${line} in\n${source}`);
    }
    assert.doesNotMatch(source, /TimeStampedModel|catalog_products_tags/, 'abstract bases and implicit join tables are not drawn in the logical view');
  });
});

describe('the schema panel’s messages', () => {
  let model: SchemaModel;
  let message: { type: string; title: string; scope: string; model: SchemaModel; hints: ReturnType<typeof schemaHints> };
  beforeEach(() => {
    model = parseDjango([{ file: 'shop/models.py', text: 'from django.db import models\nclass A(models.Model):\n    b = models.ForeignKey("self", on_delete=models.CASCADE)\n' }]);
    message = { type: 'schema', title: 'shop', scope: '', model, hints: schemaHints(model) };
  });

  it('accepts a well-formed model and refuses a malformed one, field by field', () => {
    assert.ok(isExtensionToWebview(message));
    assert.ok(!isExtensionToWebview({ ...message, model: { ...model, entities: [{ ...model.entities[0], fields: [{ name: 1, type: 'x' }] }] } }));
    assert.ok(!isExtensionToWebview({ ...message, model: { ...model, relations: [{ ...model.relations[0], kind: 'many-to-few' }] } }));
    assert.ok(!isExtensionToWebview({ ...message, hints: [{ entity: 'A', kind: 'n-plus-one', text: 'x', topic: 'not-a-teaching-note' }] }));
    assert.ok(!isExtensionToWebview({ ...message, scope: undefined }));
  });

  it('lets the webview ask to open a file at a line, and nothing shaped otherwise', () => {
    assert.ok(isWebviewToExtension({ type: 'openLocation', file: 'shop/models.py', line: 2 }));
    assert.ok(!isWebviewToExtension({ type: 'openLocation', file: 'shop/models.py', line: '2' }));
    assert.ok(!isWebviewToExtension({ type: 'openLocation', line: 2 }));
  });

  it('keeps a hostile quoted name from starting a new mermaid line', () => {
    const hostile: SchemaModel = { ...model, entities: [{ ...model.entities[0], id: 'x', name: 'x"]\n%%{init: {"securityLevel": "loose"}}%%' }], relations: [] };
    const { source } = toMermaid(hostile);
    assert.equal(source.split('\n').length, 5, source);
    assert.doesNotMatch(source, /^%%/m);
  });
});

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseDjango } from '../../src/core/schema/django';
import { isSchemaModel, type SchemaModel } from '../../src/core/schema/model';
import { readTree, SCHEMA_FIXTURES } from './schemaFixtures';

describe('a schema model received from a webview', () => {
  // What the panel posts: the Django fixture's model after a trip through JSON (postMessage clones it). Read per test,
  // never in the describe body: code run while the test files load makes Stryker reload everything for each mutant.
  let model: SchemaModel;
  let entityAt: number;
  beforeEach(() => {
    model = JSON.parse(JSON.stringify(parseDjango(readTree(path.join(SCHEMA_FIXTURES, 'django'))))) as SchemaModel;
    entityAt = model.entities.findIndex((entity) => entity.fields.some((field) => field.detail !== undefined && field.line !== undefined) && entity.indexes.some((index) => index.name !== undefined));
  });
  type Breakage = [what: string, change: (copy: SchemaModel) => void];
  const broken = (change: (copy: SchemaModel) => void): unknown => {
    const copy = structuredClone(model);
    change(copy);
    return copy;
  };
  const set = (target: object, key: string, value: unknown): void => {
    (target as Record<string, unknown>)[key] = value;
  };

  it('is accepted whole, with its external entities at line 0 and optional fields left out', () => {
    assert.ok(entityAt >= 0);
    assert.ok(model.entities.some((entity) => entity.external && entity.line === 0));
    assert.equal(isSchemaModel(model), true);
    assert.equal(isSchemaModel({ entities: [], relations: [], problems: [], skipped: [] }), true);
  });

  it('accepts a text of 100,000 characters and refuses one longer', () => {
    assert.equal(isSchemaModel(broken((copy) => set(copy.problems[0], 'message', 'x'.repeat(100_000)))), true);
    assert.equal(isSchemaModel(broken((copy) => set(copy.problems[0], 'message', 'x'.repeat(100_001)))), false);
  });

  it('refuses it when any part is missing or of the wrong type', () => {
    const breakages: Breakage[] = [
      ['entities not a list', (copy) => set(copy, 'entities', {})],
      ['relations missing', (copy) => set(copy, 'relations', undefined)],
      ['problems missing', (copy) => set(copy, 'problems', undefined)],
      ['skipped missing', (copy) => set(copy, 'skipped', undefined)],
      ['an entity that is null', (copy) => set(copy.entities, '0', null)],
      ['an entity that is a string', (copy) => set(copy.entities, '0', 'User')],
      ...(['id', 'name', 'group', 'file', 'source'] as const).map((key): Breakage => [`entity ${key} a number`, (copy) => set(copy.entities[entityAt], key, 7)]),
      ['entity line a string', (copy) => set(copy.entities[entityAt], 'line', '4')],
      ['entity line negative', (copy) => set(copy.entities[entityAt], 'line', -1)],
      ['entity line fractional', (copy) => set(copy.entities[entityAt], 'line', 1.5)],
      ['entity table a number', (copy) => set(copy.entities[entityAt], 'table', 3)],
      ['entity fields missing', (copy) => set(copy.entities[entityAt], 'fields', undefined)],
      ['a field that is null', (copy) => set(copy.entities[entityAt].fields, '0', null)],
      ['field name a number', (copy) => set(copy.entities[entityAt].fields[0], 'name', 1)],
      ['field type missing', (copy) => set(copy.entities[entityAt].fields[0], 'type', undefined)],
      ['field detail a number', (copy) => set(copy.entities[entityAt].fields[0], 'detail', 2)],
      ['field line a string', (copy) => set(copy.entities[entityAt].fields[0], 'line', '6')],
      ['entity indexes missing', (copy) => set(copy.entities[entityAt], 'indexes', undefined)],
      ['index fields not a list', (copy) => set(copy.entities[entityAt].indexes[0], 'fields', 'title')],
      ['index fields of numbers', (copy) => set(copy.entities[entityAt].indexes[0], 'fields', [1])],
      ['index name a number', (copy) => set(copy.entities[entityAt].indexes[0], 'name', 1)],
      ['index check a number', (copy) => set(copy.entities[entityAt].indexes[0], 'check', 1)],
      ['a relation that is null', (copy) => set(copy.relations, '0', null)],
      ...(['from', 'to', 'field', 'file'] as const).map((key): Breakage => [`relation ${key} a number`, (copy) => set(copy.relations[0], key, 1)]),
      ['relation kind unknown', (copy) => set(copy.relations[0], 'kind', 'many-to-few')],
      ['relation line missing', (copy) => set(copy.relations[0], 'line', undefined)],
      ['relation through a number', (copy) => set(copy.relations[0], 'through', 1)],
      ['relation relatedName a number', (copy) => set(copy.relations[0], 'relatedName', 1)],
      ['problem file a number', (copy) => set(copy.problems[0], 'file', 1)],
      ['problem line negative', (copy) => set(copy.problems[0], 'line', -8)],
      ['problem message missing', (copy) => set(copy.problems[0], 'message', undefined)],
      ['a skipped construct without a line', (copy) => set(copy.skipped[0], 'line', null)],
    ];
    const accepted = breakages.filter(([, change]) => isSchemaModel(broken(change))).map(([what]) => what);
    assert.deepEqual(accepted, []);
    assert.equal(isSchemaModel(null), false);
    assert.equal(isSchemaModel('{"entities":[]}'), false);
  });

  it('accepts every relation kind and the optional parts when present and well typed', () => {
    assert.ok(['many-to-one', 'one-to-one', 'many-to-many'].every((kind) => isSchemaModel(broken((copy) => set(copy.relations[0], 'kind', kind)))));
    assert.equal(isSchemaModel(broken((copy) => set(copy.relations[0], 'through', 'OrderItem'))), true);
    assert.equal(isSchemaModel(broken((copy) => set(copy.entities[entityAt].indexes[0], 'check', 'Q(price__gte=0)'))), true);
  });
});

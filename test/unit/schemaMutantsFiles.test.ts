import * as assert from 'node:assert/strict';
import { isSchemaFile, isSkippedFolder } from '../../src/core/schema/files';

describe('which files of a folder the schema view reads', () => {
  // A Django + TypeScript monorepo as `git ls-files` would list it, with a virtual environment and build output.
  const project: Array<[string, boolean]> = [
    ['manage.py', false],
    ['models.py', true],
    ['shop/models.py', true],
    ['shop/apps.py', true],
    ['shop/views.py', false],
    ['shop/models/__init__.py', true],
    ['shop/models/order.py', true],
    ['shop/migrations/0001_initial.py', false],
    ['shop/tests/test_models.py', false],
    ['config/settings.py', true],
    ['config/settings/production.py', true],
    ['config/urls.py', false],
    ['.venv/lib/python3.11/site-packages/django/contrib/auth/models.py', false],
    ['env/lib/python3.11/site-packages/rest_framework/settings.py', false],
    ['shop/__pycache__/models.py', false],
    ['db/init.sql', true],
    ['prisma/schema.prisma', true],
    ['node_modules/@prisma/client/schema.prisma', false],
    ['src/db/schema.ts', true],
    ['src/db/client.ts', true],
    ['src/schema/users.ts', true],
    ['src/auth-schema.ts', true],
    ['src/app.ts', false],
    ['src/db/schema.d.ts', false],
    ['src/db/schema.js', false],
    ['dist/db/schema.ts', false],
    ['out/schema.ts', false],
    ['build/schema.sql', false],
    ['.git/schema.prisma', false],
    ['.tox/py311/settings.py', false],
    ['venv/models.py', false],
    ['site-packages/schema.sql', false],
  ];

  it('reads models, settings, app configs, SQL, Prisma and TypeScript that may hold drizzle tables, and nothing else', () => {
    const misread = project.filter(([file, read]) => isSchemaFile(file) !== read).map(([file, read]) => `${file} should ${read ? '' : 'not '}be read`);
    assert.deepEqual(misread, []);
  });

  it('splits Windows paths as well as POSIX ones', () => {
    assert.equal(isSchemaFile('shop\\models\\order.py'), true);
    assert.equal(isSchemaFile('node_modules\\pkg\\schema.prisma'), false);
    assert.equal(isSchemaFile('src\\db\\client.ts'), true);
  });

  it('skips the folders of dependencies, tools and build output when walking', () => {
    assert.deepEqual(['node_modules', '.git', '.venv', 'venv', 'env', '__pycache__', 'site-packages', 'dist', 'out', 'build', '.tox'].filter((name) => !isSkippedFolder(name)), []);
    assert.deepEqual(['src', 'shop', 'models', 'db', 'migrations', 'environment'].filter(isSkippedFolder), []);
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { expandSnippet } from '../../src/core/snippets/expandSnippet';
import { loadAllSnippets } from '../fixtures/snippet-api/compose';

/**
 * drf-model-user ports django.contrib.auth's AbstractUser, so a new row must start with Django's flags: a default (or
 * an offered choice) of is_staff = true would let every new user into the admin site. The defaults come from Debian's
 * real Django (/usr/bin/python3; the pyenv `python3` first on PATH has no Django), not from a copy written here.
 */
function djangoBooleanDefaults(): Record<string, boolean> {
  const script = [
    'import json, django',
    'from django.conf import settings',
    "settings.configure(INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes'])",
    'django.setup()',
    'from django.contrib.auth.models import AbstractUser',
    'from django.db.models import BooleanField',
    'print(json.dumps({f.column: f.default for f in AbstractUser._meta.fields if isinstance(f, BooleanField)}))',
  ].join('\n');
  const result = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  assert.equal(result.status, 0, `Debian's python3-django is needed: ${result.error?.message ?? result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, boolean>;
}

/** `boolean('<column>')….default(<value>)` of one expansion, column to value. */
function booleanDefaults(code: string): Record<string, string> {
  return Object.fromEntries([...code.matchAll(/boolean\('(\w+)'\)[^\n]*?\.default\((\w+)\)/g)].map((match) => [match[1], match[2]]));
}

describe('drf-model-user', () => {
  it("starts a new user with Django AbstractUser's is_staff and is_active, whatever choice is picked", function () {
    this.timeout(60_000);
    const django = djangoBooleanDefaults();
    const snippet = loadAllSnippets().find((candidate) => candidate.prefix.includes('drf-model-user'));
    assert.ok(snippet, 'no drf-model-user snippet in content/snippets');
    const expansions = [{ label: 'defaults', text: expandSnippet(snippet.body).text }];
    for (const [index, options] of expandSnippet(snippet.body).choices) {
      for (const option of options) {
        expansions.push({ label: `$${index} = ${option}`, text: expandSnippet(snippet.body, { choices: { [index]: option } }).text });
      }
    }
    for (const { label, text } of expansions) {
      const columns = booleanDefaults(text);
      assert.deepEqual(Object.keys(columns).sort(), ['is_active', 'is_staff'], `${label}: the boolean columns`);
      for (const [column, value] of Object.entries(columns)) {
        assert.equal(value, String(django[column]), `${label}: ${column} defaults to ${value}; Django's AbstractUser says ${String(django[column])}`);
      }
    }
  });
});

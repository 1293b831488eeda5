import * as assert from 'node:assert/strict';
import { parseDjango } from '../../src/core/schema/django';
import { toMermaid } from '../../src/core/schema/toMermaid';
import { djangoProject } from '../fixtures/schema/generate';

// The readers at the size of a real project. Apart from the Django reader's other tests so a Stryker run over
// django.ts can leave them out: each takes a second or more once instrumented, and they check sizes, not details.
describe('the Django schema reader at the scale of a real project', () => {
  // How fast is a benchmark's question (npm run bench), never a timed test's: this one checks what is read.
  it('reads a 200-model project across ten apps, every model and relation', () => {
    const big = parseDjango(djangoProject());
    assert.equal(big.entities.filter((e) => !e.implicit && !e.external).length, 200);
    assert.equal(big.relations.length, 400);
  });

  it('draws a 300-model project as names and relations within mermaid’s 50,000-character limit', () => {
    const classes = Array.from({ length: 300 }, (_, n) => `class Model${n}(models.Model):\n    title = models.CharField(max_length=200)\n    body = models.TextField()\n    slug = models.SlugField()\n    created_at = models.DateTimeField(auto_now_add=True)\n    owner = models.ForeignKey(${n === 0 ? '"self"' : `Model${n - 1}`}, on_delete=models.CASCADE)\n`);
    const big = parseDjango([{ file: 'big/models.py', text: `from django.db import models\n${classes.join('\n')}` }]);
    assert.ok(toMermaid(big).source.length > 50_000, 'with columns it is over the limit');
    const names = toMermaid(big, { namesOnly: true }).source;
    assert.ok(names.length < 45_000, `${names.length} characters`);
    assert.match(names, /^ {2}Model299 }o--\|\| Model298 : "owner"$/m);
  });
});

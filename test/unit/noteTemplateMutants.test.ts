/**
 * The file `Nexus: New Note…` writes, as the learner opens it: every line of it, since the learner reads and edits
 * exactly this text. Written against the Stryker survivors of src/core/noteTemplate.ts (npm run stryker);
 * noteTemplate.test.ts checks that Nexus reads it back without a problem.
 */
import * as assert from 'node:assert/strict';
import { noteTemplate } from '../../src/core/noteTemplate';

describe('the text of a new note', () => {
  it('is front matter with the id and the quoted title, the heading, the sections, a diagram and a self-check', () => {
    const { id, text } = noteTemplate('  Caching: "what I learned"  ');
    assert.equal(id, 'caching-what-i-learned');
    assert.equal(
      text,
      `---
id: caching-what-i-learned
title: "Caching: \\"what I learned\\""
tags: []
---
# Caching: "what I learned"

## Learning goals

- You will be able to …

## The idea

Write the idea in your own words first, then check it against the docs.

\`\`\`mermaid
flowchart LR
  Client -->|request| API
  API -->|query| Database
\`\`\`

## Self-check

<details>
<summary>A question you want to be able to answer</summary>

The answer, in a sentence or two.

</details>
`,
    );
  });
});

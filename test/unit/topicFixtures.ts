import type { Topic } from '../../src/core/model';

/** A bundled topic with empty fields but those given, for tests of what core does with topics (search, ranking). */
export function topic(id: string, fields: Partial<Topic>): Topic {
  return {
    id,
    title: id,
    summary: '',
    order: 1,
    level: 'beginner',
    tags: [],
    prerequisites: [],
    related: [],
    snippets: [],
    versions: [],
    category: 'c',
    source: 'bundled',
    file: `mem:/${id}.md`,
    body: '',
    bodyLine: 1,
    headings: [],
    ...fields,
  };
}

import * as fs from 'node:fs';
import * as path from 'node:path';

const KINDS = [
  'erDiagram\n  USER ||--o{ POST : writes\n  USER {\n    int id PK\n    string email UK\n  }\n  POST {\n    int id PK\n    int author_id FK\n  }',
  'flowchart LR\n  Client --> Nginx --> Django --> PostgreSQL\n  Django --> Redis',
  'sequenceDiagram\n  Client->>API: POST /api/token/\n  API-->>Client: access + refresh',
];

/** `count` sections, each a paragraph and a mermaid diagram, cycling through the diagram types notes use. */
function diagramSections(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `## Part ${index}\n\nSome text about part ${index} of the system, with \`code\` and **emphasis**.\n\n\`\`\`mermaid\n${KINDS[index % KINDS.length]}\n\`\`\`\n`);
}

const END = '## End\n\nThe last words of the note.\n';

/** A note with `diagrams` mermaid diagrams of mixed types between paragraphs, as notes have them. */
export function noteWithDiagrams(id: string, diagrams: number): string {
  return [`---\nid: ${id}\ntitle: Bench ${diagrams} diagrams\nsummary: Benchmark note.\norder: ${diagrams}\nlevel: beginner\n---\n# Bench ${diagrams} diagrams\n`, ...diagramSections(diagrams), END].join('\n');
}

/**
 * A project README as learners write them (no front matter): diagrams near the top, then enough plain sections
 * that its last line is far below the editor's first screen, ending with the same last words as the notes.
 */
export function readmeWithDiagrams(diagrams: number): string {
  const prose = Array.from({ length: 30 }, (_, index) => `## Section ${index + 1}\n\nParagraph ${index + 1} says what part ${index + 1} of the service does, in a sentence long enough to wrap once.\n`);
  return ['# Blog API\n\nThe service behind the blog, with its schema and flows.\n', ...diagramSections(diagrams), ...prose, END].join('\n');
}

const WORDS = ['cache', 'query', 'index', 'token', 'worker', 'broker', 'serializer', 'viewset', 'replica', 'transaction', 'select_related', 'throttle', 'pagination', 'docker', 'pipeline', 'schema'];

/** Writes `count` topic files in 10 categories under `root`, like a large user notes folder. */
export function writeCatalog(root: string, count: number): void {
  fs.rmSync(root, { recursive: true, force: true });
  for (let index = 0; index < count; index++) {
    const category = path.join(root, `cat-${index % 10}`);
    if (index < 10) {
      fs.mkdirSync(category, { recursive: true });
    }
    const words = Array.from({ length: 120 }, (_, n) => WORDS[(index * 7 + n * 3) % WORDS.length]).join(' ');
    fs.writeFileSync(
      path.join(category, `topic-${index}.md`),
      `---\nid: topic-${index}\ntitle: Topic ${index} on ${WORDS[index % WORDS.length]}\nsummary: About ${WORDS[(index + 3) % WORDS.length]}.\norder: ${index}\nlevel: intermediate\ntags: [${WORDS[index % 5]}, ${WORDS[(index + 5) % WORDS.length]}]\n---\n# Topic ${index}\n\n## ${WORDS[(index + 1) % WORDS.length]} in practice\n\n${words}\n`,
    );
  }
}

import * as assert from 'node:assert/strict';
import { noteTemplate } from '../../src/core/noteTemplate';
import { parseTopic } from '../../src/core/parseTopic';
import { renderNote } from '../../src/core/renderNote';

describe('the template of a new note', () => {
  it('is a note Nexus reads without a problem: id and title from the title, sections, a diagram and a self-check', () => {
    const { id, text } = noteTemplate('Caching: "what I learned"');
    assert.equal(id, 'caching-what-i-learned');
    const { topic, problems } = parseTopic(`file:///notes/caching/${id}.md`, text, 'caching', 'user');
    assert.deepEqual(problems, []);
    assert.equal(topic.id, id);
    assert.equal(topic.title, 'Caching: "what I learned"');
    assert.deepEqual(topic.headings, ['Caching: "what I learned"', 'Learning goals', 'The idea', 'Self-check']);
    const note = renderNote(topic, { topicIdForFile: () => undefined, hasTopic: () => false });
    assert.deepEqual(note.problems, []);
    assert.deepEqual(note.diagrams.map((diagram) => diagram.kind), ['flowchart']);
    assert.match(note.html, /<details>\s*<summary>A question you want to be able to answer<\/summary>/);
  });
});

import * as vscode from 'vscode';
import type { TopicTreeProvider } from './topicTree';

/** Filters the tree live as the learner types; Enter keeps the filter, Escape restores the previous one. */
export async function filterTopics(tree: TopicTreeProvider): Promise<void> {
  const previous = tree.filterText;
  const input = vscode.window.createInputBox();
  input.title = 'Filter Topics';
  input.placeholder = 'Words to match in titles, tags, headings and text';
  input.value = previous;
  input.onDidChangeValue((value) => void tree.setFilter(value));
  let accepted = false;
  input.onDidAccept(() => {
    accepted = true;
    input.hide();
  });
  await new Promise<void>((resolve) => {
    input.onDidHide(() => resolve());
    input.show();
  });
  input.dispose();
  if (!accepted) {
    await tree.setFilter(previous);
  }
}

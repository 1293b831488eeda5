import * as vscode from 'vscode';
import type { Topic } from '../core/model';

/** `<scheme>://project-nexus.project-nexus/topic/<id>`: opens the topic in any VS Code that has Nexus. */
export function topicLink(context: vscode.ExtensionContext, topic: Topic): vscode.Uri {
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: context.extension.id, path: `/topic/${topic.id}` });
}

export function topicIdFromLink(uri: vscode.Uri): string | undefined {
  return /^\/topic\/([a-z0-9-]+)$/.exec(uri.path)?.[1];
}

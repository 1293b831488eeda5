import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const emitter = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    vscode.window.createTreeView('nexus.topics', {
      treeDataProvider: { onDidChangeTreeData: emitter.event, getTreeItem: (item: vscode.TreeItem) => item, getChildren: () => [new vscode.TreeItem('Hello')] },
    }),
    vscode.commands.registerCommand('nexus.goToTopic', () => vscode.window.showInformationMessage('Go to Topic')),
  );
}

export function deactivate(): void {}

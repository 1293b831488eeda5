import * as vscode from 'vscode';

/** Versioned, so a walkthrough rewritten enough to show again can bump it. */
const SHOWN_KEY = 'nexus.walkthroughShown.v1';

/** Opens Get Started with Nexus once, on the first start with Nexus installed, unless the learner turned it off. */
export async function openWalkthroughOnFirstRun(context: vscode.ExtensionContext): Promise<void> {
  if (context.globalState.get<boolean>(SHOWN_KEY) || !vscode.workspace.getConfiguration('nexus').get<boolean>('walkthrough.openOnFirstRun', true)) {
    return;
  }
  await context.globalState.update(SHOWN_KEY, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#getStarted`, false);
}

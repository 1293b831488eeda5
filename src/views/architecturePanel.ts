import * as vscode from 'vscode';
import { readArchitecture } from '../core/architecture/architectureModel';
import { layoutMap } from '../core/architecture/mapLayout';
import { mapSvg } from '../core/architecture/mapSvg';
import { flowEdges, flowSequence, nodeId } from '../core/architecture/toMermaid';
import { displayName } from '../core/loadCatalog';
import { sourceHash } from '../core/markdown/sourceHash';
import type { Topic } from '../core/model';
import { isArchitectureState, isWebviewToExtension, type ArchitectureMessage } from '../protocol';
import { readJson, writeFileAtomically } from './atomicWrite';
import type { CatalogService } from './catalogService';
import { copyText, openExternal, saveSvg } from './webviewActions';
import { dressPanel, webviewHtml } from './webviewHtml';

export const ARCHITECTURE_VIEW_TYPE = 'nexus.architecture';

/**
 * `Nexus: Open Architecture`: the reference system from content/architecture.yaml as one diagram whose parts
 * open their notes, with request flows played step by step. One panel; the chosen flow survives reloads.
 */
export class ArchitecturePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private flowId: string | undefined;
  private readonly stateFile: vscode.Uri;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: CatalogService,
    storage: vscode.Uri,
    private readonly openTopic: (topic: Topic) => Thenable<unknown>,
  ) {
    this.stateFile = vscode.Uri.joinPath(storage, 'architecture.v1.json');
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  async show(flowId?: string): Promise<void> {
    if (flowId !== undefined) {
      await this.choose(flowId);
    }
    if (this.panel) {
      this.panel.reveal();
      await this.post();
      return;
    }
    this.adopt(vscode.window.createWebviewPanel(ARCHITECTURE_VIEW_TYPE, 'Nexus Architecture', vscode.ViewColumn.Active, { enableFindWidget: true }));
  }

  /** Called by the serializer after a reload; the file record wins over a webview state persisted late. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = await readJson(this.stateFile);
    const flowId = isArchitectureState(saved) ? saved.flowId : isArchitectureState(state) ? state.flowId : undefined;
    this.flowId = flowId || undefined;
    this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    dressPanel(panel, this.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'architecture.js', 'note.css', 'Nexus Architecture');
    panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data));
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
  }

  private async choose(flowId: string): Promise<void> {
    this.flowId = flowId || undefined;
    await writeFileAtomically(this.stateFile, JSON.stringify({ flowId }));
  }

  /** Builds the whole message from the model; problems in the file are listed, valid parts still drawn. */
  async message(): Promise<ArchitectureMessage> {
    const { catalog } = await this.catalog.get();
    const file = vscode.Uri.joinPath(this.extensionUri, 'content', 'architecture.yaml');
    let text = '';
    const problems: string[] = [];
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch (error) {
      problems.push(`${displayName(file.toString())}: could not be read: ${String(error)}`);
    }
    const result = readArchitecture(file.toString(), text, new Set(catalog.topics.keys()));
    problems.push(...result.problems.map((p) => `${displayName(p.file)}:${p.line}: ${p.message}`));
    const { architecture } = result;
    const diagram = mapSvg(layoutMap(architecture), 'Backend architecture map');
    return {
      type: 'architecture',
      diagram,
      diagramHash: sourceHash(diagram),
      components: architecture.components.map((component) => ({
        id: component.id,
        node: nodeId(component.id),
        label: component.label,
        role: component.role,
        topic: component.topic,
        topicTitle: catalog.topics.get(component.topic)?.title ?? component.topic,
      })),
      flows: architecture.flows.map((flow) => {
        const edges = flowEdges(architecture, flow);
        const sequence = flowSequence(architecture, flow);
        return {
          id: flow.id,
          title: flow.title,
          steps: flow.steps.map((step, index) => ({ label: step.label, from: nodeId(step.from), to: nodeId(step.to), ...(edges[index] ? { edge: edges[index] } : {}) })),
          sequence,
          sequenceHash: sourceHash(sequence),
        };
      }),
      problems,
      ...(this.flowId ? { flowId: this.flowId } : {}),
    };
  }

  private async post(): Promise<void> {
    if (this.panel && this.ready) {
      await this.panel.webview.postMessage(await this.message());
    }
  }

  private async receive(data: unknown): Promise<void> {
    if (!isWebviewToExtension(data)) {
      return;
    }
    switch (data.type) {
      case 'ready':
        this.ready = true;
        await this.post();
        return;
      case 'openTopic': {
        const topic = (await this.catalog.get()).catalog.topics.get(data.topicId);
        if (topic) {
          await this.openTopic(topic);
        }
        return;
      }
      case 'flowChosen':
        await this.choose(data.flowId);
        return;
      case 'copyText':
        await copyText(data.text, data.what);
        return;
      case 'saveSvg':
        await saveSvg(data.svg, data.name, undefined);
        return;
      case 'openExternal':
        await openExternal(data.url);
        return;
      default:
        return;
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

import type { WebviewToExtension } from '../src/protocol';
import { renderDiagram } from './mermaidRenderer';
import { currentTheme } from './theme';

interface View {
  scale: number;
  x: number;
  y: number;
}

const ZOOM_STEP = 1.25;

/**
 * The diagrams of a note: rendered as they scroll into view, cached by source hash and theme (a re-render of
 * the same diagram is a cache hit), re-rendered when the theme changes, with zoom, pan, fit, copy and save.
 * A diagram that fails shows its error and source in place; the others render regardless.
 */
/** How many diagrams below the fold a page draws before the reader gets to them. */
const MAX_DRAWN_AHEAD = 12;

export class Diagrams {
  private readonly cache = new Map<string, string>();
  private generation = 0;
  private readonly observer = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: '400px 0px' });
  /** This page's diagrams in document order, and those whose drawing started, for drawing ahead of the reader. */
  private inOrder: HTMLElement[] = [];
  private started = new WeakSet<HTMLElement>();
  private drawnAhead = 0;
  /** Each diagram's pan and zoom, for `reveal`. */
  private readonly views = new WeakMap<HTMLElement, { viewport: HTMLElement; view: View; apply: () => void }>();

  constructor(
    private readonly post: (message: WebviewToExtension) => void,
    private readonly noteName: () => string,
    /** Called each time a diagram's SVG is in place (again after a theme switch), to wire it up. */
    private readonly onRendered: (element: HTMLElement) => void = () => undefined,
    /** Turns a placeholder's source into SVG: mermaid, unless the page draws its own (the architecture map). */
    private readonly draw: typeof renderDiagram = renderDiagram,
  ) {}

  /** Takes over the placeholders of a freshly rendered note; renders still running for the old one are dropped. */
  attach(root: ParentNode): void {
    this.restart(root);
    const theme = currentTheme();
    for (const element of root.querySelectorAll<HTMLElement>('.nexus-diagram')) {
      const canvas = this.prepare(element);
      // A drawing from the persistent cache costs nothing to show: all of them at once, not as they scroll in. This
      // page's own drawing (a note shown again) wins over it.
      if (this.cache.has(`${element.dataset.diagram ?? ''}:${theme}`)) {
        element.querySelector(':scope > img.nexus-diagram-cached')?.remove();
        this.observer.observe(element);
      } else if (!this.showCached(element, canvas, theme)) {
        this.observer.observe(element);
      }
    }
  }

  /** After a theme switch: every diagram again, visible ones first (the observer reports those at once). */
  rerenderAll(root: ParentNode): void {
    this.restart(root);
    for (const element of root.querySelectorAll<HTMLElement>('.nexus-diagram')) {
      element.dataset.state = 'pending';
      this.observer.observe(element);
    }
  }

  private restart(root: ParentNode): void {
    this.generation++;
    this.observer.disconnect();
    this.inOrder = [...root.querySelectorAll<HTMLElement>('.nexus-diagram')];
    this.started = new WeakSet();
    this.drawnAhead = 0;
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        void this.start(entry.target as HTMLElement);
      }
    }
  }

  private async start(element: HTMLElement): Promise<void> {
    this.observer.unobserve(element);
    if (this.started.has(element)) {
      return;
    }
    this.started.add(element);
    const generation = this.generation;
    await this.render(element);
    this.drawAhead(generation);
  }

  /**
   * Once mermaid is free and the page idle, draws the next diagram below the fold, in order, so a reader who scrolls
   * finds it drawn; a bounded number per page, so a note of sixty diagrams does not keep the CPU busy for long.
   */
  private drawAhead(generation: number): void {
    const next = this.inOrder.find((element) => !this.started.has(element) && element.dataset.state === 'pending' && element.isConnected);
    if (!next || generation !== this.generation || this.drawnAhead >= MAX_DRAWN_AHEAD) {
      return;
    }
    requestIdleCallback(
      () => {
        if (generation === this.generation && !this.started.has(next)) {
          this.drawnAhead++;
          void this.start(next);
        }
      },
      { timeout: 250 },
    );
  }

  /**
   * Pans a diagram as little as needed to bring `target` (a part of its drawing) fully into view, e.g. a part of a
   * map wider than its panel; does nothing when it is in view already.
   */
  reveal(element: HTMLElement, target: Element): void {
    const entry = this.views.get(element);
    if (!entry) {
      return;
    }
    const port = entry.viewport.getBoundingClientRect();
    const box = target.getBoundingClientRect();
    const margin = 16;
    const shift = (start: number, end: number, from: number, to: number): number => (start < from + margin ? from + margin - start : end > to - margin ? Math.max(to - margin - end, from + margin - start) : 0);
    const dx = shift(box.left, box.right, port.left, port.right);
    const dy = shift(box.top, box.bottom, port.top, port.bottom);
    if (dx !== 0 || dy !== 0) {
      entry.view.x += dx;
      entry.view.y += dy;
      entry.apply();
    }
  }

  /** Adds the toolbar and the pannable canvas the drawing goes in, and returns the canvas. */
  private prepare(element: HTMLElement): HTMLElement {
    element.dataset.state = 'pending';
    const toolbar = document.createElement('div');
    toolbar.className = 'nexus-diagram-toolbar';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Diagram');
    const viewport = document.createElement('div');
    viewport.className = 'nexus-diagram-viewport';
    viewport.tabIndex = 0;
    viewport.setAttribute('aria-label', `${element.dataset.kind ?? 'Diagram'}: drag to pan, Ctrl+wheel or +/- to zoom, 0 to fit`);
    const canvas = document.createElement('div');
    canvas.className = 'nexus-diagram-canvas';
    viewport.append(canvas);
    element.prepend(toolbar, viewport);

    const view: View = { scale: 1, x: 0, y: 0 };
    const apply = (): void => {
      canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
    };
    this.views.set(element, { viewport, view, apply });
    const zoom = (factor: number): void => {
      view.scale = Math.min(8, Math.max(0.2, view.scale * factor));
      apply();
    };
    const fit = (): void => {
      Object.assign(view, { scale: 1, x: 0, y: 0 });
      apply();
    };
    // A drawing from the persistent cache is an <img>: draw it live first, so what is copied is real SVG.
    const svgText = async (): Promise<string> => {
      if (canvas.querySelector('img.nexus-diagram-cached')) {
        const svg = await this.draw(element.querySelector('.nexus-diagram-source')?.textContent ?? '', currentTheme(), () => true);
        canvas.innerHTML = svg ?? '';
        this.onRendered(element);
      }
      return canvas.innerHTML;
    };
    const button = (label: string, icon: string, action: () => void): void => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'nexus-button';
      b.title = label;
      b.setAttribute('aria-label', label);
      b.textContent = icon;
      b.addEventListener('click', action);
      toolbar.append(b);
    };
    button('Zoom in', '+', () => zoom(ZOOM_STEP));
    button('Zoom out', '−', () => zoom(1 / ZOOM_STEP));
    button('Fit', '⤢', fit);
    button('Copy SVG', 'Copy SVG', () => void svgText().then((text) => this.post({ type: 'copyText', text, what: 'the diagram as SVG' })));
    button('Save SVG…', 'Save SVG', () =>
      void svgText().then((svg) => this.post({ type: 'saveSvg', svg, name: `${this.noteName()}-line-${element.dataset.line ?? '0'}` })),
    );

    viewport.addEventListener('wheel', (event) => {
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        zoom(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
      }
    }, { passive: false });
    viewport.addEventListener('pointerdown', (event) => {
      const start = { x: event.clientX - view.x, y: event.clientY - view.y };
      let dragging = false;
      const move = (moveEvent: PointerEvent): void => {
        // A press that barely moves is a click (on a clickable node, say), not the start of a pan.
        if (!dragging && Math.hypot(moveEvent.clientX - event.clientX, moveEvent.clientY - event.clientY) < 4) {
          return;
        }
        if (!dragging) {
          dragging = true;
          viewport.setPointerCapture(event.pointerId);
        }
        view.x = moveEvent.clientX - start.x;
        view.y = moveEvent.clientY - start.y;
        apply();
      };
      const up = (): void => {
        viewport.removeEventListener('pointermove', move);
        viewport.removeEventListener('pointerup', up);
      };
      viewport.addEventListener('pointermove', move);
      viewport.addEventListener('pointerup', up);
    });
    viewport.addEventListener('keydown', (event) => {
      const keys: Record<string, () => void> = {
        '+': () => zoom(ZOOM_STEP),
        '=': () => zoom(ZOOM_STEP),
        '-': () => zoom(1 / ZOOM_STEP),
        '0': fit,
        ArrowLeft: () => ((view.x += 40), apply()),
        ArrowRight: () => ((view.x -= 40), apply()),
        ArrowUp: () => ((view.y += 40), apply()),
        ArrowDown: () => ((view.y -= 40), apply()),
      };
      const action = keys[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    });
    return canvas;
  }

  private async render(element: HTMLElement): Promise<void> {
    const generation = this.generation;
    const source = element.querySelector('.nexus-diagram-source')?.textContent ?? '';
    const theme = currentTheme();
    const key = `${element.dataset.diagram ?? ''}:${theme}`;
    const canvas = element.querySelector<HTMLElement>('.nexus-diagram-canvas');
    if (!canvas) {
      return;
    }
    let svg = this.cache.get(key);
    if (svg === undefined && this.showCached(element, canvas, theme)) {
      return;
    }
    const drawn = svg === undefined;
    try {
      svg ??= await this.draw(source, theme, () => generation === this.generation);
    } catch (error) {
      if (generation === this.generation) {
        this.showError(element, error);
      }
      return;
    }
    if (svg === undefined || generation !== this.generation) {
      return;
    }
    this.cache.set(key, svg);
    canvas.innerHTML = svg;
    element.querySelector('.nexus-diagram-error')?.remove();
    element.dataset.state = 'rendered';
    element.dataset.theme = theme;
    this.onRendered(element);
    const box = canvas.querySelector('svg')?.viewBox.baseVal;
    if (drawn && this.draw === renderDiagram && element.dataset.diagram && box && box.width > 0) {
      this.post({ type: 'cacheSvg', hash: element.dataset.diagram, theme, svg, width: box.width, height: box.height });
    }
  }

  /**
   * A drawing of this diagram in this theme from the extension's persistent cache, shown as an image: an <img>
   * never runs script, so a cache file that was tampered with can at worst show a wrong picture.
   */
  private showCached(element: HTMLElement, canvas: HTMLElement, theme: string): boolean {
    const [width, height] = (element.dataset.cachedSize ?? '').split('x').map(Number);
    // The extension puts the image in the page, beside the source.
    const image = element.querySelector<HTMLImageElement>(':scope > img.nexus-diagram-cached');
    if (!image || element.dataset.cachedTheme !== theme || !(width > 0 && height > 0)) {
      image?.remove();
      return false;
    }
    image.alt = `${element.dataset.kind ?? 'Diagram'} diagram`;
    canvas.replaceChildren(image);
    element.dataset.state = 'rendered';
    element.dataset.theme = theme;
    return true;
  }

  private showError(element: HTMLElement, error: unknown): void {
    const fenceLine = Number(element.dataset.line ?? '0');
    const message = error instanceof Error ? error.message : String(error);
    // mermaid counts lines from the diagram's first line, which sits right after the fence.
    const diagramLine = Number(/on line (\d+)/.exec(message)?.[1] ?? '0');
    const at = diagramLine > 0 ? fenceLine + diagramLine : fenceLine;
    let box = element.querySelector<HTMLElement>('.nexus-diagram-error');
    if (!box) {
      box = document.createElement('div');
      box.className = 'nexus-diagram-error';
      box.setAttribute('role', 'alert');
      element.prepend(box);
    }
    box.textContent = `This diagram could not be drawn (line ${at} of the note): ${message.split('\n').slice(0, 4).join('\n')}`;
    element.dataset.state = 'error';
  }
}

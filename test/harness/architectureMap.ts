import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { Workbench } from './workbench';

/** What a learner sees of the map: each text's font size on screen, each part's icon and whether its label fits it. */
export function measureMap(frame: Frame): Promise<{ texts: Array<{ text: string; px: number }>; parts: Array<{ id: string; kind: string; icon: string; iconPx: number; labelFits: boolean }> }> {
  return frame.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('.nexus-arch-diagram svg.nexus-map');
    if (!svg) {
      throw new Error('no map');
    }
    const scale = svg.getScreenCTM()?.a ?? 0;
    const texts = [...svg.querySelectorAll<SVGTextElement>('text')].map((text) => ({ text: text.textContent ?? '', px: parseFloat(getComputedStyle(text).fontSize) * scale }));
    const parts = [...svg.querySelectorAll<SVGGElement>('g.nexus-part')].map((part) => {
      const icon = part.querySelector<SVGPathElement>('path.nexus-icon');
      const box = part.querySelector('rect')?.getBBox();
      const label = part.querySelector('text')?.getBBox();
      return {
        id: part.dataset.component ?? '',
        kind: part.dataset.kind ?? '',
        icon: icon?.dataset.icon ?? '',
        iconPx: Math.max(icon?.getBoundingClientRect().width ?? 0, icon?.getBoundingClientRect().height ?? 0),
        labelFits: !!box && !!label && label.x >= box.x && label.x + label.width <= box.x + box.width && label.y >= box.y && label.y + label.height <= box.y + box.height,
      };
    });
    return { texts, parts };
  });
}

/** Resizes the browser until the architecture panel (its webview) is `width` px wide. */
export async function setPanelWidth(workbench: Workbench, frame: Frame, width: number): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const now = await frame.evaluate(() => window.innerWidth);
    if (now === width) {
      return;
    }
    const viewport = workbench.page.viewportSize() ?? { width: 1400, height: 900 };
    await workbench.page.setViewportSize({ width: viewport.width + width - now, height: viewport.height });
    await workbench.page.waitForTimeout(300);
  }
  assert.equal(await frame.evaluate(() => window.innerWidth), width);
}

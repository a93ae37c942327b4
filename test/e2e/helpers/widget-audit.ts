import type { Page } from 'playwright-core';

/** One visible text of the widget and its measured contrast against what is painted behind it. */
export interface ContrastSample {
  text: string;
  ratio: number;
  color: string;
  background: string;
  element: string;
}

/** One control of the widget and its size on screen. */
export interface TouchTarget {
  name: string;
  width: number;
  height: number;
}

/** Waits for the widget's finite animations (the panel's fade and scale-in) to end. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const shadow = document.querySelector('kefu-widget')?.shadowRoot;
    const running = shadow?.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity) ?? [];
    await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
  });
}

/**
 * Measures every visible text node in the widget's shadow root (and the typed value or the
 * placeholder of its inputs): the computed colour, made translucent by the element's and its
 * ancestors' opacity, over the effective background — the background colours and gradient stops
 * of the element and its ancestors (across the shadow host, down to the page's canvas) composited
 * in paint order. A gradient is measured at each of its stops and the worst one counts.
 */
export async function measureContrast(page: Page): Promise<ContrastSample[]> {
  await settled(page);
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA[] =>
      Array.from(c.matchAll(/rgba?\(([^)]+)\)/g), (m) => {
        const [r, g, b, a] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
        return [r, g, b, Number.isNaN(a) || a === undefined ? 1 : a] as RGBA;
      });
    const over = (top: RGBA, bottom: RGBA): RGBA => {
      const a = top[3];
      return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
    };
    const luminance = ([r, g, b]: RGBA) => {
      const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const css = (c: RGBA) => `rgb(${c.slice(0, 3).map((v) => Math.round(v)).join(', ')})`;
    const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
    /** Every background the element's text may sit on (several when a gradient is behind it). */
    const backgrounds = (el: Element): RGBA[] => {
      const chain: Element[] = [];
      for (let e: Element | null = el; e; e = parentOf(e)) chain.push(e);
      let layers: RGBA[] = [[255, 255, 255, 1]];
      for (const e of chain.reverse()) {
        const style = getComputedStyle(e);
        // One element paints its background colour first, then its background image on top.
        const [colour] = parse(style.backgroundColor);
        if (colour && colour[3] > 0) layers = layers.map((under) => over(colour, under));
        const stops = parse(style.backgroundImage);
        if (stops.length) layers = stops.flatMap((stop) => layers.map((under) => over(stop, under)));
      }
      return layers;
    };
    const opacity = (el: Element) => {
      let o = 1;
      for (let e: Element | null = el; e; e = parentOf(e)) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const visible = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getClientRects().length > 0;
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const sample = (el: Element, text: string, colour: string): ContrastSample => {
      const [fg] = parse(colour);
      const alpha = fg[3] * opacity(el);
      let worst = { ratio: Infinity, bg: [255, 255, 255, 1] as RGBA };
      for (const bg of backgrounds(el)) {
        const r = ratio(over([fg[0], fg[1], fg[2], alpha], bg), bg);
        if (r < worst.ratio) worst = { ratio: r, bg };
      }
      return { text: text.trim().slice(0, 60), ratio: Math.round(worst.ratio * 100) / 100, color: colour, background: css(worst.bg), element: describe(el) };
    };

    const shadow = document.querySelector('kefu-widget')?.shadowRoot;
    if (!shadow) throw new Error('no widget on the page');
    const out: ContrastSample[] = [];
    const walker = document.createTreeWalker(shadow, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || !visible(el)) continue;
      out.push(sample(el, node.textContent, getComputedStyle(el).color));
    }
    for (const field of Array.from(shadow.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))) {
      if (!visible(field)) continue;
      if (field.value) out.push(sample(field, field.value, getComputedStyle(field).color));
      else if (field.placeholder) out.push(sample(field, field.placeholder, getComputedStyle(field, '::placeholder').color));
    }
    return out;
  });
}

/** Every visible control of the widget a finger can press, with its rendered size. */
export async function measureTouchTargets(page: Page): Promise<TouchTarget[]> {
  await settled(page);
  return page.evaluate(() => {
    const shadow = document.querySelector('kefu-widget')?.shadowRoot;
    if (!shadow) throw new Error('no widget on the page');
    const controls = shadow.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href], [role=radio], [tabindex="0"]');
    return Array.from(controls)
      .filter((el) => el.checkVisibility() && el.getClientRects().length > 0)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute('aria-label') || el.textContent?.trim() || el.getAttribute('placeholder') || el.getAttribute('name') || el.className;
        return { name: `${el.className}: ${name}`.slice(0, 80), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
      });
  });
}

/** The focused element: its class and label inside the widget, or `page:<tag>` when focus is outside it. */
export function focusedElement(page: Page): Promise<{ name: string; label: string }> {
  return page.evaluate(() => {
    const host = document.querySelector('kefu-widget');
    if (document.activeElement !== host) return { name: `page:${document.activeElement?.tagName.toLowerCase() ?? 'none'}`, label: '' };
    const inner = host?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    if (!inner) return { name: 'widget:none', label: '' };
    return { name: inner.className || inner.tagName.toLowerCase(), label: inner.getAttribute('aria-label') || inner.textContent?.trim() || '' };
  });
}

/**
 * The fonts Chromium really drew the text of the widget element matching `selector` with
 * (DevTools' CSS.getPlatformFontsForNode), most glyphs first.
 */
export async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const { result } = await cdp.send('Runtime.evaluate', { expression: `document.querySelector('kefu-widget').shadowRoot.querySelector(${JSON.stringify(selector)})` });
    if (!result.objectId) throw new Error(`no ${selector} in the widget`);
    const { nodeId } = await cdp.send('DOM.requestNode', { objectId: result.objectId });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.sort((a, b) => b.glyphCount - a.glyphCount).map((f) => f.familyName);
  } finally {
    await cdp.detach();
  }
}

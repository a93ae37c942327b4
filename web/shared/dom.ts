/**
 * A tiny element builder for the widget and the console. Text only ever reaches the page through
 * text nodes (`textContent`), never as markup, so a message containing HTML shows literally.
 */

/** What may be passed as a child: nodes, text (made a text node), or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Element properties: `class`, `text`, attributes (strings/booleans) and `on<Event>` listeners. */
export interface Props {
  class?: string;
  text?: string;
  /** Listeners by event name, e.g. `{ click: fn }`. */
  on?: { [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void };
  [attribute: string]: unknown;
}

/** Creates an element; strings become text nodes and attribute values are set, never parsed. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = String(value);
      else if (key === 'text') el.textContent = String(value);
      else if (key === 'on') {
        for (const [type, listener] of Object.entries(value as Record<string, EventListener>)) el.addEventListener(type, listener);
      } else if (key === 'value' && 'value' in el) (el as unknown as HTMLInputElement).value = String(value);
      else if (key === 'checked' && 'checked' in el) (el as unknown as HTMLInputElement).checked = value === true;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (text as text nodes). */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent` with `children`. */
export function replaceChildren(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An inline SVG icon from path data (no markup parsing), sized by CSS. */
export function icon(paths: string[], viewBox = '0 0 24 24'): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', viewBox);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.appendChild(path);
  }
  return svg;
}

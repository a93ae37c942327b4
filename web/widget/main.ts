import css from './widget.css';
import { pickLocale } from './i18n';
import { ChatWidget } from './widget';
import { accentVariables } from './accent';

/** The one global the widget defines: a small, frozen control surface for the host page. */
export interface KefuWidgetApi {
  readonly version: string;
  open(): void;
  close(): void;
}

declare global {
  interface Window {
    KefuWidget?: KefuWidgetApi;
  }
}

const VERSION = '1';

/** The <script> that loaded us: document.currentScript, or the last one whose src ends in widget.js. */
function ownScript(): HTMLScriptElement | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  const all = Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'));
  return all.reverse().find((s) => /\/widget\.js(\?|#|$)/.test(s.src));
}

function applyStyles(shadow: ShadowRoot): void {
  // A constructed stylesheet works under a host page's strict style-src CSP; <style> is the fallback.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.appendChild(style);
  }
}

function boot(): void {
  if (window.KefuWidget) return; // the snippet was pasted twice
  const script = ownScript();
  const src = script?.src ?? `${location.origin}/widget.js`;
  const base = new URL('.', src).href.replace(/\/$/, '');
  const locale = pickLocale(script?.dataset.locale, navigator.languages?.length ? navigator.languages : [navigator.language]);
  const accent = script?.dataset.color;

  let widget: ChatWidget | undefined;
  const pending: (() => void)[] = [];
  const whenReady = (fn: () => void) => (widget ? fn() : pending.push(fn));
  window.KefuWidget = Object.freeze({
    version: VERSION,
    open: () => whenReady(() => widget?.open()),
    close: () => whenReady(() => widget?.close()),
  });

  const mount = () => {
    const host = document.createElement('kefu-widget');
    host.setAttribute('lang', locale);
    const shadow = host.attachShadow({ mode: 'open' });
    applyStyles(shadow);
    const root = document.createElement('div');
    root.className = 'kf';
    root.lang = locale;
    const colours = accent ? accentVariables(accent) : undefined;
    for (const [name, value] of Object.entries(colours ?? {})) host.style.setProperty(name, value);
    shadow.appendChild(root);
    document.body.appendChild(host);
    widget = new ChatWidget(root, { base, locale });
    for (const fn of pending.splice(0)) fn();
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

boot();

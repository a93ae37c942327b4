import i18next, { type TOptions } from 'i18next';
import { signal } from '@preact/signals';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';
import en from './locales/en.json';

/** The console's languages. */
export const CONSOLE_LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];

const STORAGE_KEY = 'kefu-console-locale';

function isLocale(v: unknown): v is ConsoleLocale {
  return typeof v === 'string' && (CONSOLE_LOCALES as readonly string[]).includes(v);
}

/** Saved choice, else the browser's: Traditional for zh-TW/HK/MO/Hant, Simplified for other Chinese, else English. */
function initialLocale(): ConsoleLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage blocked: the browser's language decides
  }
  for (const l of navigator.languages ?? [navigator.language]) {
    const tag = l.toLowerCase();
    if (/^zh-(tw|hk|mo)|^zh-hant/.test(tag)) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** The current language; components that call t() re-render when it changes. */
export const lang = signal<ConsoleLocale>(initialLocale());

void i18next.init({
  lng: lang.value,
  fallbackLng: 'zh-CN',
  supportedLngs: [...CONSOLE_LOCALES],
  ns: ['console'],
  defaultNS: 'console',
  resources: { 'zh-CN': { console: zhCN }, 'zh-TW': { console: zhTW }, en: { console: en } },
  // Preact renders text as text: nothing here becomes markup.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
document.documentElement.lang = lang.value;

/** The text of a key in the current language (i18next: `{{name}}`, plurals with `count`, `context`). */
export function t(key: string, options?: TOptions): string {
  void lang.value;
  return i18next.t(key, options) as string;
}

/** The text of a key built from data (`status.${status}`), or the raw value when there is none. */
export function tOr(key: string, fallback: string): string {
  void lang.value;
  return i18next.exists(key) ? (i18next.t(key) as string) : fallback;
}

/** Switches the language (remembered in this browser). */
export function setLang(next: ConsoleLocale): void {
  void i18next.changeLanguage(next);
  lang.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered; switched for this page
  }
}

/** A user's own console language, when they have one and have not picked another here. */
export function adoptUserLocale(locale: string | undefined): void {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  if (!saved && isLocale(locale) && locale !== lang.value) setLang(locale);
}

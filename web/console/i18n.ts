import { zhCN as zh } from './locales/zh-CN';
import { en } from './locales/en';

/** Console languages: Chinese first, English as the alternative. */
export type ConsoleLocale = 'zh-CN' | 'en';

/** A key of the console's strings. */
export type Key = keyof typeof zh;

const STORAGE_KEY = 'kefu-console-locale';
let current: ConsoleLocale = readLocale();

function readLocale(): ConsoleLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage blocked: fall through to the default
  }
  return 'zh-CN';
}

/** The console's current language. */
export function locale(): ConsoleLocale {
  return current;
}

/** Switches the language (remembered in this browser). */
export function setLocale(next: ConsoleLocale): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered; still switched for this page
  }
  document.documentElement.lang = next;
}

/** The string for `key` with `{name}` placeholders filled in (as text). */
export function t(key: Key, vars?: Record<string, string | number>): string {
  const table: Record<Key, string> = current === 'en' ? en : zh;
  return table[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

/** A string for a dynamic key such as `status_${status}`, or the raw value when unknown. */
export function tOr(key: string, fallback: string): string {
  return key in zh ? t(key as Key) : fallback;
}

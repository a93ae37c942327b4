import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LOCALES, type Locale } from '../core/message';

/** Locale files: locales/<lang>/<namespace>.json, flat or nested keys. */
export type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

/** Reads every locale file once (at start); a file that is not valid JSON stops the start. */
export function readLocaleFiles(dir: string): Resources {
  const resources = {} as Resources;
  for (const locale of LOCALES) {
    resources[locale] = {};
    const localeDir = path.join(dir, locale);
    for (const file of fs.existsSync(localeDir) ? fs.readdirSync(localeDir).filter((f) => f.endsWith('.json')) : []) {
      const full = path.join(localeDir, file);
      try {
        resources[locale][path.basename(file, '.json')] = JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`${full}: not valid JSON (${(err as Error).message})`, { cause: err });
      }
    }
  }
  return resources;
}

/** One i18next instance for the process, initialised synchronously from the resources. */
export function createI18n(resources: Resources): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'zh-CN',
    fallbackLng: false,
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources['zh-CN']),
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}

/** True when `key` ("ns:path.to.key") has a string in `locale` (a context variant counts). */
export function hasKey(resources: Resources, locale: Locale, key: string): boolean {
  const [ns, rest] = key.split(':', 2);
  let node: unknown = resources[locale]?.[ns];
  const parts = rest.split('.');
  for (const [i, part] of parts.entries()) {
    if (node === null || typeof node !== 'object') return false;
    const obj = node as Record<string, unknown>;
    if (i === parts.length - 1) return typeof obj[part] === 'string' || Object.keys(obj).some((k) => k.startsWith(`${part}_`));
    node = obj[part];
  }
  return false;
}

/** Every key ("ns:a.b") of a locale, for the checker. */
export function allKeys(resources: Resources, locale: Locale): string[] {
  const keys: string[] = [];
  const walk = (ns: string, node: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') keys.push(`${ns}:${prefix}${k}`);
      else if (v && typeof v === 'object') walk(ns, v as Record<string, unknown>, `${prefix}${k}.`);
    }
  };
  for (const [ns, node] of Object.entries(resources[locale] ?? {})) walk(ns, node, '');
  return keys;
}

export type Translate = TFunction;

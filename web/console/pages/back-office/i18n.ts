import i18next, { type TOptions } from 'i18next';
import { lang, tOr } from '../../i18n';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';
import en from './locales/en.json';

// The back-office pages' own namespace, added to the console's one i18next when the pages load.
const NS = 'back-office';
for (const [lng, bundle] of [['zh-CN', zhCN], ['zh-TW', zhTW], ['en', en]] as const) i18next.addResourceBundle(lng, NS, bundle, true, true);

/** A back-office text in the console's language (re-renders when it changes). */
export function tb(key: string, options?: TOptions): string {
  void lang.value;
  return i18next.t(`${NS}:${key}`, options) as string;
}

/** A value's label (`value.<kind>.<value>`), or the value itself when there is none. */
export function label(kind: string, value: string | undefined | null): string {
  if (!value) return '';
  return tOr(`${NS}:value.${kind}.${value}`, value);
}

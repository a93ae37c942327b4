import { signal } from '@preact/signals';
import type { BotBundleView, BotDraftState, BotDraftView, BotProblem } from '../../../../src/http/contract/bot-content';
import type { Locale } from '../../../../src/http/contract/enums';
import { scriptsApi, type PartRef } from './scripts-api';

/** The locales the bot speaks, side by side in every editor. */
export const BOT_LOCALES: readonly Locale[] = ['zh-CN', 'zh-TW', 'en'];

export type Wording = BotBundleView['wording'][string];
type Tree = Record<string, unknown>;

/** The draft as the server last answered it; every editor reads and saves through here. */
export const draft = signal<BotDraftView | undefined>(undefined);
export const draftError = signal('');

export async function loadDraft(): Promise<void> {
  draft.value = await scriptsApi.draft();
}

/** The draft after a change: the server's new state (problems…) and the part as saved. */
function applied(state: BotDraftState, ref: PartRef, value: unknown | undefined): void {
  const d = draft.value;
  if (!d) return;
  const bundle = { ...d.bundle } as Record<string, unknown>;
  if (ref.name === undefined) bundle[ref.section] = value;
  else {
    const named = { ...(bundle[ref.section] as Record<string, unknown>) };
    if (value === undefined) delete named[ref.name];
    else named[ref.name] = value;
    bundle[ref.section] = named;
  }
  draft.value = { ...d, ...state, bundle: bundle as BotBundleView };
}

/** Saves one part of the draft; answers the draft's new state. */
export async function savePart(ref: PartRef, value: unknown): Promise<BotDraftState> {
  const state = await scriptsApi.save(ref, value);
  applied(state, ref, value);
  return state;
}

/** Saves a part given as YAML text (the server parses it); the draft is read again. */
export async function saveYaml(ref: PartRef, yaml: string): Promise<BotDraftState> {
  const state = await scriptsApi.saveYaml(ref, yaml);
  await loadDraft();
  return state;
}

export async function removePart(ref: PartRef): Promise<void> {
  applied(await scriptsApi.remove(ref), ref, undefined);
}

/** A new state for the whole draft (discard, import): read it again. */
export async function reloadAfter(action: Promise<unknown>): Promise<void> {
  await action;
  await loadDraft();
}

/** "order:ask_quantity" → namespace and the path inside it. */
export function splitKey(key: string): { ns: string; path: string[] } {
  const [ns, rest = ''] = key.split(':', 2);
  return { ns, path: rest.split('.').filter(Boolean) };
}

/** The text of a path in a locale's tree (undefined when missing). */
export function textAt(tree: Tree | undefined, path: string[]): string | undefined {
  let node: unknown = tree;
  for (const p of path) node = node && typeof node === 'object' ? (node as Tree)[p] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A copy of a namespace's wording with one text set (the tree is made where it is missing). */
export function withText(wording: Wording | undefined, locale: Locale, path: string[], text: string): Wording {
  const out = structuredClone(wording ?? { 'zh-CN': {}, 'zh-TW': {}, en: {} }) as Wording;
  let node = out[locale] as Tree;
  for (const p of path.slice(0, -1)) {
    if (!node[p] || typeof node[p] !== 'object') node[p] = {};
    node = node[p] as Tree;
  }
  node[path[path.length - 1]] = text;
  return out;
}

/** Every text key of a namespace ("a.b"), in every locale, in file order. */
export function keysOf(wording: Wording): string[] {
  const keys: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'string') {
      if (!keys.includes(prefix)) keys.push(prefix);
    } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  for (const l of BOT_LOCALES) walk(wording[l], '');
  return keys;
}

/** The draft's problems about one flow (and step), as the server reported them. */
export function problemsOf(match: Partial<Pick<BotProblem, 'section' | 'name' | 'flowId' | 'stepId'>>): BotProblem[] {
  return (draft.value?.problems ?? []).filter((p) => Object.entries(match).every(([k, v]) => p[k as keyof BotProblem] === v));
}

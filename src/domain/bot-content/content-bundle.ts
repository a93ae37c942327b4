import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../core/message';
import type { Resources } from '../../i18n/i18n';
import { readBotContent, type BotContent, type BotDirs } from '../../flows/bot-content';
import { profileSchema } from '../../flows/profile';

/** The name of a flow file, a wording namespace or a test file (kebab-case, as the files are named). */
export const PART_NAME = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** Sections of one value each; flows, wording and tests hold one value per name. */
export const SINGLE_SECTIONS = ['profile', 'catalogue', 'intents', 'knowledge', 'commonKnowledge'] as const;
export const NAMED_SECTIONS = ['flows', 'wording', 'tests'] as const;
export type SingleSection = (typeof SINGLE_SECTIONS)[number];
export type NamedSection = (typeof NAMED_SECTIONS)[number];
export type Section = SingleSection | NamedSection;

/** Wording of one namespace in every locale: {"zh-CN": {...}, "zh-TW": {...}, en: {...}}. */
export type NamespaceWording = Record<Locale, Record<string, unknown>>;

/**
 * Everything the bot is made of as editable data: what flows/ and locales/ hold for one company
 * profile, with the profile's wording overlay already applied, plus the conversation tests.
 * Drafts and published versions are bundles; the engine compiles one through BotContent.
 */
export interface BotBundle {
  profile: Record<string, unknown>;
  /** Flow file name (without .yaml) → the flow as parsed YAML. */
  flows: Record<string, Record<string, unknown>>;
  wording: Record<string, NamespaceWording>;
  catalogue: Record<string, unknown>;
  intents: Record<string, unknown>;
  knowledge: Record<string, unknown>;
  commonKnowledge: Record<string, unknown>;
  /** flows/tests/<name>.yaml → its tests. */
  tests: Record<string, Record<string, unknown>>;
}

const tree = z.record(z.string(), z.unknown());
const name = z.string().regex(PART_NAME, 'names are kebab-case like "order"');

/** The shape of a bundle (what an import must look like); the content itself is checked by checkBundle. */
export const botBundleSchema = z.strictObject({
  profile: tree,
  flows: z.record(name, tree),
  wording: z.record(name, z.strictObject({ 'zh-CN': tree, 'zh-TW': tree, en: tree })),
  catalogue: tree,
  intents: tree,
  knowledge: tree,
  commonKnowledge: tree,
  tests: z.record(name, tree),
});

/** An exported file (YAML or JSON): the bundle with where it came from. */
export const botFileSchema = z.strictObject({
  format: z.literal('kefu-bot/1'),
  profile: z.string(),
  version: z.number().int().optional(),
  exportedAt: z.string().optional(),
  content: botBundleSchema,
});
export type BotFile = z.output<typeof botFileSchema>;

/** Namespaces of locales/ the bot does not speak (the back office's texts, the profiles' overlays). */
export function isBotNamespace(ns: string): boolean {
  return ns !== 'back-office' && !ns.startsWith('profile-');
}

/** Bot content (as the engine takes it) as a bundle: wording regrouped by namespace. */
export function bundleFromContent(content: BotContent, tests: Record<string, Record<string, unknown>>): BotBundle {
  const wording: Record<string, NamespaceWording> = {};
  for (const ns of Object.keys(content.resources['zh-CN']).filter(isBotNamespace)) {
    wording[ns] = Object.fromEntries(LOCALES.map((l) => [l, content.resources[l][ns] ?? {}])) as NamespaceWording;
  }
  return {
    profile: { ...content.profile },
    flows: Object.fromEntries(content.flows.map((f) => [f.file.replace(/\.ya?ml$/, ''), f.data as Record<string, unknown>])),
    wording,
    catalogue: content.catalogue as Record<string, unknown>,
    intents: content.intents as Record<string, unknown>,
    knowledge: content.knowledge as Record<string, unknown>,
    commonKnowledge: content.commonKnowledge as Record<string, unknown>,
    tests,
  };
}

/** The bundle as the engine takes it; a profile that is not valid throws naming the field. */
export function contentFromBundle(bundle: BotBundle): BotContent {
  const profile = profileSchema.safeParse(bundle.profile);
  if (!profile.success) throw new Error(`profile: ${profile.error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`).join('; ')}`);
  const resources = Object.fromEntries(LOCALES.map((l) => [l, {}])) as Resources;
  for (const [ns, texts] of Object.entries(bundle.wording)) for (const l of LOCALES) resources[l][ns] = texts[l] ?? {};
  return {
    profile: profile.data,
    flows: Object.keys(bundle.flows).sort().map((stem) => ({ file: `${stem}.yaml`, data: bundle.flows[stem] })),
    resources,
    catalogue: bundle.catalogue,
    intents: bundle.intents,
    knowledge: bundle.knowledge,
    commonKnowledge: bundle.commonKnowledge,
  };
}

/** flows/tests/*.yaml as parsed YAML, by name. */
export function readTestFiles(dir: string): Record<string, Record<string, unknown>> {
  if (!fs.existsSync(dir)) return {};
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  return Object.fromEntries(files.map((f) => [f.replace(/\.yaml$/, ''), (parse(fs.readFileSync(path.join(dir, f), 'utf8')) ?? {}) as Record<string, unknown>]));
}

/** The bundle of flows/, locales/ and flows/tests/ for a company profile (the seed, and "import the files"). */
export function readFileBundle(dirs: BotDirs, profileId: string): BotBundle {
  return bundleFromContent(readBotContent(dirs, profileId), readTestFiles(path.join(dirs.flowsDir, 'tests')));
}

/** JSON with object keys sorted at every level: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
  });
}

/** A short fingerprint of any content (a bundle, a flow). */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 24);
}

/** One stored part of a draft: `profile`, `catalogue`…, or `flows:order`, `wording:greeting`, `tests:order`. */
export function partKey(section: Section, name?: string): string {
  return (NAMED_SECTIONS as readonly string[]).includes(section) ? `${section}:${name}` : section;
}

/** A bundle as stored parts (each its JSON text: keys such as intent words may hold "." or "$"). */
export function partsOf(bundle: BotBundle): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const s of SINGLE_SECTIONS) parts[s] = JSON.stringify(bundle[s]);
  for (const s of NAMED_SECTIONS) for (const [n, v] of Object.entries(bundle[s])) parts[partKey(s, n)] = JSON.stringify(v);
  return parts;
}

/** Stored parts back as a bundle. */
export function bundleOf(parts: Record<string, string>): BotBundle {
  const bundle: BotBundle = { profile: {}, flows: {}, wording: {}, catalogue: {}, intents: {}, knowledge: {}, commonKnowledge: {}, tests: {} };
  for (const [key, json] of Object.entries(parts)) {
    const value = JSON.parse(json) as Record<string, unknown>;
    const [section, n] = key.split(':', 2) as [Section, string | undefined];
    if (n === undefined) (bundle as unknown as Record<string, unknown>)[section] = value;
    else (bundle[section as NamedSection] as Record<string, unknown>)[n] = value;
  }
  return bundle;
}

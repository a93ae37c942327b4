import type { i18n } from 'i18next';
import type { Locale } from '../message';
import { createI18n, hasKey } from '../../i18n/i18n';
import { LOCALES } from '../message';
import { parseFlows } from '../../flows/flow-loader';
import { Catalogue } from '../../flows/catalogue';
import { FlowRunner } from '../../flows/runner';
import type { BotContent } from '../../flows/bot-content';
import type { FlowAction } from '../../flows/flow-runtime';
import type { Profile } from '../../flows/profile';
import { intentDataSchema, type IntentData } from '../intents/intent-data';
import { KeywordRecognizer } from '../intents/keyword-recognizer';
import type { IntentRecognizer } from '../intents/intent-recognizer';
import { SlotExtractor } from '../slots/slot-extractor';
import { commonKnowledgeSchema, knowledgeFileSchema } from '../../knowledge/knowledge-data';
import { KnowledgeBase } from '../../knowledge/knowledge-base';
import { SmallTalk } from '../../knowledge/small-talk';

/** What actions are built from, once per version. */
export interface ActionDeps {
  i18n: i18n;
  catalogue: Catalogue;
  /** The rules' reading of a text (complaint severity from its words, slots). */
  rules: KeywordRecognizer;
}

export interface CompileOptions {
  actions: (deps: ActionDeps) => ReadonlyMap<string, FlowAction>;
  actionNames: ReadonlySet<string>;
  /** Wraps the keyword rules (e.g. with the language-model layer). */
  recognizer?: (rules: KeywordRecognizer) => IntentRecognizer;
}

/**
 * One compiled version of the bot: everything parsed, validated, indexed and compiled once.
 * Turns use the version they started with; a new published version replaces it whole.
 */
export interface BotVersion {
  profile: Profile;
  i18n: i18n;
  runner: FlowRunner;
  catalogue: Catalogue;
  rules: KeywordRecognizer;
  recognizer: IntentRecognizer;
  knowledge: KnowledgeBase;
  smallTalk: SmallTalk;
  actions: ReadonlyMap<string, FlowAction>;
  /** Flows a customer may start. */
  enabled: ReadonlySet<string>;
  menu: { id: string; title: string }[];
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, source: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`${source}: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Compiles bot content; every error names the file (flow, step, entry) at fault. */
export function compileBot(content: BotContent, options: CompileOptions): BotVersion {
  const { profile } = content;
  const { flows } = parseFlows(content.flows, content.resources, options.actionNames);
  for (const required of ['greeting', 'leave-message']) if (!flows.has(required)) throw new Error(`flows/: the "${required}" flow is required`);
  for (const id of profile.flows) {
    const flow = flows.get(id);
    if (!flow) throw new Error(`flows/profiles/${profile.id}.yaml: flow "${id}" does not exist`);
    if (profile.menu.includes(id) && !flow.title) throw new Error(`flows/profiles/${profile.id}.yaml: flow "${id}" is in the menu but has no title`);
  }
  const catalogue = Catalogue.fromData(content.catalogue, `flows/${profile.catalogue}`);
  const intents: IntentData = parsed(intentDataSchema, content.intents, 'flows/intents.yaml');
  for (const intent of intents.intents) if (!flows.has(intent.flow)) throw new Error(`flows/intents.yaml: intent "${intent.id ?? intent.flow}" starts flow "${intent.flow}", which does not exist`);
  const faq = parsed(knowledgeFileSchema, content.knowledge, `flows/${profile.knowledge}`);
  const common = parsed(commonKnowledgeSchema, content.commonKnowledge, 'flows/knowledge/common.yaml');
  const ids = new Set<string>();
  for (const e of faq.entries) {
    if (ids.has(e.id)) throw new Error(`flows/${profile.knowledge}: entry id "${e.id}" is used twice`);
    ids.add(e.id);
  }
  const i18n = createI18n(content.resources);
  const enabled = new Set(profile.flows);
  const slots = new SlotExtractor(catalogue, intents.payment);
  const rules = new KeywordRecognizer(intents, [...flows.values()].map((f) => ({ flow: f.id, triggers: f.triggers })), slots, enabled);
  const knowledge = new KnowledgeBase({ entries: faq.entries, synonyms: [...common.synonyms, ...faq.synonyms] });
  const actions = options.actions({ i18n, catalogue, rules });
  return {
    profile,
    i18n,
    runner: new FlowRunner(flows),
    catalogue,
    rules,
    recognizer: options.recognizer ? options.recognizer(rules) : rules,
    knowledge,
    smallTalk: new SmallTalk(common.smallTalk),
    actions,
    enabled,
    menu: profile.menu.map((id) => ({ id, title: flows.get(id)!.title! })),
  };
}

/** Texts the engine itself uses (not named by any flow): checked in every locale at compile. */
export function checkEngineTexts(content: BotContent, keys: readonly string[]): void {
  for (const key of keys) {
    const missing = LOCALES.filter((l: Locale) => !hasKey(content.resources, l, key));
    if (missing.length) throw new Error(`locales: "${key}" is missing in ${missing.join(', ')}`);
  }
}

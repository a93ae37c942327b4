import path from 'node:path';
import type { Config } from '../config/config';
import { parseBusinessHours } from '../core/calendar/business-hours';
import type { IntentRecognizer } from '../core/intents/intent-recognizer';
import { intentDataSchema } from '../core/intents/intent-data';
import { LlmRecognizer } from '../core/intents/llm-recognizer';
import { compileBot, type BotVersion } from '../core/turn/bot-version';
import type { EngineSettings } from '../core/turn/types';
import { toTraditional } from '../core/text/chinese-script';
import { readBotContent, type BotContent, type BotDirs } from '../flows/bot-content';
import { warmUpSegmenter } from '../knowledge/segmenter';
import { ACTION_NAMES, createActions } from './actions/registry';
import { Engine } from './engine';

export type { BotDirs } from '../flows/bot-content';

export const DEFAULT_DIRS: BotDirs = {
  flowsDir: path.resolve(__dirname, '..', '..', 'flows'),
  localesDir: path.resolve(__dirname, '..', '..', 'locales'),
};

/** The settings the engine takes from the configuration. */
export function engineSettings(config: Config): EngineSettings {
  const zh = config.COMPANY_NAME;
  return {
    companyName: zh ? { 'zh-CN': zh, 'zh-TW': toTraditional(zh), en: config.COMPANY_NAME_EN ?? zh } : config.COMPANY_NAME_EN ? { en: config.COMPANY_NAME_EN } : undefined,
    botNumber: config.BOT_NUMBER,
    timeZone: config.TIME_ZONE,
    businessHours: parseBusinessHours(config.BUSINESS_HOURS),
    maxNotUnderstood: config.BOT_MAX_NOT_UNDERSTOOD,
    defaultLocale: config.DEFAULT_LOCALE,
  };
}

/**
 * Compiles bot content (from files, or a published version) into a version the engine runs:
 * flows, wording, catalogue, intents, FAQ, with the language-model layer when LLM_BASE_URL is set.
 */
export function compileContent(config: Config, content: BotContent, recognizer?: IntentRecognizer, onLlmError?: (err: Error) => void): BotVersion {
  return compileBot(content, {
    actionNames: ACTION_NAMES,
    actions: (deps) => createActions({ ...deps, timeZone: config.TIME_ZONE, businessHours: parseBusinessHours(config.BUSINESS_HOURS) }),
    recognizer: (rules) => {
      if (recognizer) return recognizer;
      if (!config.LLM_BASE_URL) return rules;
      const intents = intentDataSchema.parse(content.intents).intents.filter((i) => content.profile.flows.includes(i.flow));
      return new LlmRecognizer(rules, {
        baseUrl: config.LLM_BASE_URL,
        apiKey: config.LLM_API_KEY,
        model: config.LLM_MODEL,
        timeoutMs: config.LLM_TIMEOUT_MS,
        sendPii: config.LLM_SEND_PII,
        intents: [...new Map(intents.map((i) => [i.id ?? i.flow, { name: i.id ?? i.flow, flow: i.flow, about: i.about ?? i.flow }])).values()],
        products: (content.catalogue as { products: { sku: string; name: { en: string } }[] }).products.map((p) => ({ sku: p.sku, name: p.name.en })),
        business: content.profile.kind === 'housekeeping' ? 'housekeeping (domestic services) company' : 'retail shop',
        onError: onLlmError,
      });
    },
  });
}

/**
 * Builds the engine once at start for COMPANY_PROFILE: wording, flows (validated against the
 * wording and actions), catalogue, intents, FAQ, business hours. Any error names the file.
 */
export function loadBot(config: Config, dirs: BotDirs = DEFAULT_DIRS, recognizer?: IntentRecognizer): Engine {
  warmUpSegmenter();
  const content = readBotContent(dirs, config.COMPANY_PROFILE);
  return new Engine(compileContent(config, content, recognizer), engineSettings(config));
}

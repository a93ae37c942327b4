import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Config } from '../config/config';
import { createI18n, readLocaleFiles } from '../i18n/i18n';
import { loadFlows } from '../flows/flow-loader';
import { Catalogue } from '../flows/catalogue';
import { KeywordRecognizer } from '../core/intents/keyword-recognizer';
import type { IntentRecognizer } from '../core/intents/intent-recognizer';
import { parseBusinessHours } from '../core/calendar/business-hours';
import { ACTION_NAMES, createActions } from './actions/registry';
import { Engine } from './engine';
import { toTraditional } from '../core/text/chinese-script';

const intentsSchema = z.object({ human: z.array(z.string().min(1)).min(1), cancel: z.array(z.string().min(1)).min(1), menu: z.array(z.string().min(1)).min(1) }).strict();

/** Reads flows/intents.yaml: the words of the global intents (转人工, 取消, 菜单…). */
export function loadIntents(file: string): z.output<typeof intentsSchema> {
  const parsed = intentsSchema.safeParse(parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${path.basename(file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export interface BotDirs {
  flowsDir: string;
  localesDir: string;
}

export const DEFAULT_DIRS: BotDirs = {
  flowsDir: path.resolve(__dirname, '..', '..', 'flows'),
  localesDir: path.resolve(__dirname, '..', '..', 'locales'),
};

/**
 * Builds the engine once at start: wording, flows (validated against the wording and actions),
 * catalogue, intents, business hours. Any error names the file (and flow and step).
 */
export function loadBot(config: Config, dirs: BotDirs = DEFAULT_DIRS, recognizer?: IntentRecognizer): Engine {
  const resources = readLocaleFiles(dirs.localesDir);
  const i18n = createI18n(resources);
  const { flows } = loadFlows(dirs.flowsDir, resources, ACTION_NAMES);
  for (const required of ['greeting', 'leave-message']) {
    if (!flows.has(required)) throw new Error(`flows/: the "${required}" flow is required`);
  }
  const catalogue = Catalogue.load(path.join(dirs.flowsDir, 'catalogue.yaml'));
  const intents = loadIntents(path.join(dirs.flowsDir, 'intents.yaml'));
  const businessHours = parseBusinessHours(config.BUSINESS_HOURS);
  const actions = createActions({ i18n, catalogue, timeZone: config.TIME_ZONE, businessHours });
  return new Engine(
    i18n,
    flows,
    catalogue,
    recognizer ?? new KeywordRecognizer(intents, [...flows.values()].map((f) => ({ flow: f.id, triggers: f.triggers }))),
    actions,
    {
      companyName: { 'zh-CN': config.COMPANY_NAME, 'zh-TW': toTraditional(config.COMPANY_NAME), en: config.COMPANY_NAME_EN ?? config.COMPANY_NAME },
      botNumber: config.BOT_NUMBER,
      timeZone: config.TIME_ZONE,
      businessHours,
      maxNotUnderstood: config.BOT_MAX_NOT_UNDERSTOOD,
      defaultLocale: config.DEFAULT_LOCALE,
    },
  );
}

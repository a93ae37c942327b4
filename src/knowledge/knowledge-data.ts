import { z } from 'zod';
import { LOCALES, type Locale } from '../core/message';

const perLocale = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(1).max(2000)])) as Record<Locale, z.ZodString>).strict();
const questions = z
  .object({ 'zh-CN': z.array(z.string().min(1)).min(1), 'zh-TW': z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).min(1) })
  .strict();

/**
 * One FAQ entry (flows/knowledge/<profile>.yaml, later a published version in the database):
 * the ways customers ask it, the answer in each language, tags for managers. Answers may use
 * {{company}}, {{businessHours}}, {{priceList}}, {{botNumber}}.
 */
export const knowledgeEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    tags: z.array(z.string().min(1)).default([]),
    /** The short title offered in "did you mean…?" choices. */
    title: perLocale,
    questions,
    answer: perLocale,
  })
  .strict();

/** Small talk (你好, 在吗, 谢谢, 你是机器人吗): whole-message phrases with an answer each. */
export const smallTalkEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    phrases: z.array(z.string().min(1)).min(1),
    answer: perLocale,
    /** A greeting: at the start of a chat the opening line answers it. */
    greeting: z.boolean().default(false),
    /** Show the menu after the answer. */
    menu: z.boolean().default(false),
  })
  .strict();

/** Words with the same meaning for search: the first of each group stands for all. */
const synonyms = z.array(z.array(z.string().min(1)).min(2)).default([]);

/** A company's FAQ (flows/knowledge/<profile>.yaml). */
export const knowledgeFileSchema = z.object({ entries: z.array(knowledgeEntrySchema).min(1), synonyms }).strict();
/** What every company shares (flows/knowledge/common.yaml): small talk and synonyms. */
export const commonKnowledgeSchema = z.object({ smallTalk: z.array(smallTalkEntrySchema).min(1), synonyms }).strict();

/** Everything the knowledge base is built from: parsed data, from files or a published version. */
export interface KnowledgeData {
  entries: KnowledgeEntry[];
  smallTalk: SmallTalkEntry[];
  synonyms: string[][];
}

export type KnowledgeEntry = z.output<typeof knowledgeEntrySchema>;
export type SmallTalkEntry = z.output<typeof smallTalkEntrySchema>;

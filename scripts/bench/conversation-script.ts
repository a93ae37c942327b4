import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { CHANNELS, LOCALES } from '../../src/core/message';

/**
 * A scripted customer of the conversation benchmark (bench/conversations/*.yaml): what they write
 * first, what they know when the bot asks (facts), and what they needed from the chat. Scored by
 * outcome, never by the bot's exact wording, so the scripts measure rather than pin.
 */
export const TOPICS = ['product', 'quantity', 'payment', 'address', 'recipient', 'name', 'phone', 'confirm', 'wechat', 'description', 'serious', 'when', 'who', 'contactTime', 'need', 'date', 'query', 'score', 'comment', 'photo', 'yesno', 'choice'] as const;
export type Topic = (typeof TOPICS)[number];

const recordNeed = z.object({ model: z.enum(['Order', 'Lead', 'Complaint', 'FollowUp', 'Customer']), where: z.record(z.string(), z.unknown()).default({}), count: z.number().int().min(0).default(1) }).strict();

const conversation = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    category: z.string().min(1),
    channel: z.enum(CHANNELS).default('web'),
    clock: z.string().datetime({ offset: true }).default('2026-11-23T10:00:00+08:00'),
    agentsOnline: z.boolean().default(true),
    customer: z.object({ name: z.string().optional(), gender: z.enum(['male', 'female', 'unknown']).optional(), phone: z.string().optional() }).strict().optional(),
    setup: z.array(z.object({ model: z.enum(['Order', 'Contract', 'FollowUp']), as: z.string().optional(), fields: z.record(z.string(), z.unknown()) }).strict()).default([]),
    /** What the customer wrote earlier the same day, before the bot starts `start` (a 回访 survey). */
    before: z.array(z.string().min(1)).default([]),
    start: z.object({ flow: z.string(), values: z.record(z.string(), z.unknown()).default({}) }).strict().optional(),
    /** What the customer writes, in order, whatever the bot says in between. */
    says: z.array(z.string().min(1)).min(1),
    /** Answers the customer gives when the bot asks about a topic after the script. */
    facts: z.partialRecord(z.enum(TOPICS), z.string()).default({}),
    /** Topics the customer already told in `says`: the bot asking for them counts as asking twice. */
    given: z.array(z.enum(TOPICS)).default([]),
    /** Topics the bot may ask more than once (the customer corrects a value). */
    reask: z.array(z.enum(TOPICS)).default([]),
    need: z
      .object({
        /** Some reply after the given customer message (1-based; default the last scripted one) contains one of these. */
        answer: z.array(z.string()).optional(),
        answerAt: z.number().int().min(1).optional(),
        records: z.array(recordNeed).default([]),
        handoff: z.boolean().optional(),
        /** The bot may say it did not understand (gibberish, off-topic). */
        fallbackOk: z.boolean().default(false),
      })
      .strict(),
  })
  .strict();

export const benchFileSchema = z.object({ profile: z.enum(['housekeeping', 'retail']), locale: z.enum(LOCALES), conversations: z.array(conversation).min(1) }).strict();
export type BenchFile = z.output<typeof benchFileSchema>;
export type ScriptedConversation = z.output<typeof conversation>;

/** Every bench/conversations/*.yaml, validated; a bad file names itself and the field. */
export function readBenchFiles(dir: string): BenchFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const parsed = benchFileSchema.safeParse(parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`bench/conversations/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const ids = new Set<string>();
      for (const c of parsed.data.conversations) {
        if (ids.has(c.id)) throw new Error(`bench/conversations/${file}: id "${c.id}" is used twice`);
        ids.add(c.id);
      }
      return parsed.data;
    });
}

/** "$customer", "$FollowUp"…: the ids of records made for the conversation. */
export function substitute(value: unknown, names: Record<string, string>): unknown {
  if (typeof value === 'string' && value.startsWith('$') && names[value.slice(1)]) return names[value.slice(1)];
  if (Array.isArray(value)) return value.map((v) => substitute(v, names));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, names)]));
  return value;
}

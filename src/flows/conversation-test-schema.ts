import { z } from 'zod';
import { CHANNELS, LOCALES } from '../core/message';
import { PROFILES } from './profile';

/**
 * A conversation test (flows/tests/*.yaml): what the customer says, what the bot's replies must
 * contain, and which records must exist afterwards, at a fixed clock.
 */
const turn = z
  .object({
    customer: z.string().optional(),
    choice: z.string().optional(),
    bot: z.union([z.string(), z.array(z.string())]).optional(),
    botNot: z.union([z.string(), z.array(z.string())]).optional(),
    /** The values of the quick replies the bot must offer. */
    options: z.array(z.string()).optional(),
    /** The bot stays silent (a human has the chat). */
    silent: z.boolean().optional(),
  })
  .strict()
  .refine((t) => t.customer !== undefined || t.choice !== undefined, 'a turn needs customer text or a choice');

const record = z
  .object({
    model: z.enum(['Customer', 'Conversation', 'Message', 'Lead', 'Complaint', 'Order', 'FollowUp', 'Contract', 'Staff']),
    where: z.record(z.string(), z.unknown()).default({}),
    count: z.number().int().min(0).default(1),
  })
  .strict();

export const conversationTestSchema = z
  .object({
    name: z.string().min(1),
    /** The company profile the bot runs as; default: the file's. */
    profile: z.enum(PROFILES).optional(),
    locale: z.enum(LOCALES).optional(),
    /** web: the widget (buttons); wechat-mp, wecom, onebot…: text only, options shown as numbered lines. */
    channel: z.enum(CHANNELS).default('web'),
    /** The widget opened the chat before the first message (greeting and menu), as it does on the website. */
    open: z.object({ bot: z.union([z.string(), z.array(z.string())]).optional(), options: z.array(z.string()).optional() }).strict().optional(),
    clock: z.string().datetime({ offset: true }).default('2026-11-23T10:00:00+08:00'),
    agentsOnline: z.boolean().default(true),
    customer: z.object({ name: z.string().optional(), gender: z.enum(['male', 'female', 'unknown']).optional(), phone: z.string().optional() }).strict().optional(),
    /** Records made before the conversation; "$customer" is the test customer's id; `as` names it for `start`. */
    setup: z.array(z.object({ model: record.shape.model, as: z.string().optional(), fields: z.record(z.string(), z.unknown()) }).strict()).default([]),
    /** The bot starts this flow itself first (follow-up survey, order confirmation); "$name" refers to setup. */
    start: z.object({ flow: z.string(), values: z.record(z.string(), z.unknown()).default({}), bot: z.union([z.string(), z.array(z.string())]).optional() }).strict().optional(),
    turns: z.array(turn).default([]),
    expect: z
      .object({
        records: z.array(record).default([]),
        conversation: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .default({ records: [] }),
  })
  .strict();

export const conversationTestFileSchema = z.object({ profile: z.enum(PROFILES).default('retail'), tests: z.array(conversationTestSchema).min(1) }).strict();
export type ConversationTest = z.output<typeof conversationTestSchema>;

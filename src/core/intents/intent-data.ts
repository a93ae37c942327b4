import { z } from 'zod';
import { SLOT_NAMES } from '../slots/slots';

const words = z.array(z.string().min(1)).min(1);

/**
 * The words customers use (flows/intents.yaml), as data: global intents, change of mind,
 * negations, payment words, and the intents that start flows with a weight per word. The highest
 * total wins, so a more specific phrase beats a general one whatever the order in the file.
 */
export const intentDataSchema = z
  .object({
    /** Anywhere in a message, unless negated ("不用转人工"). */
    human: words,
    /** The whole message (or almost). */
    cancel: words,
    menu: words,
    /** "算了 不投了", "先不买了", "never mind": a change of mind anywhere in a short message. */
    changeMind: words,
    /** Just before an intent's word, these cancel it: "不是投诉", "not a complaint". */
    negations: words,
    payment: z.object({ cod: words, online: words }).strict(),
    intents: z
      .array(
        z
          .object({
            /** A name for logs and the language-model layer; defaults to the flow id. */
            id: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
            flow: z.string().regex(/^[a-z][a-z0-9-]*$/),
            /** One line of what it means, for the language-model layer. */
            about: z.string().max(200).optional(),
            /** Values the flow starts with when this intent wins (severity: serious). */
            values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
            /** Word → weight; a Latin word ending in * matches as a prefix (injur* → injured). */
            words: z.record(z.string().min(1), z.number().min(0.5).max(10)),
            /** Weight of details in a statement (not a question): a product named in "两箱天朝上品" is an order. */
            slots: z.partialRecord(z.enum(SLOT_NAMES), z.number().min(0.5).max(10)).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type IntentData = z.output<typeof intentDataSchema>;

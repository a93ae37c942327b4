import { z } from 'zod';
import { SLOT_NAMES } from '../core/slots/slots';

/**
 * The shape of a flow file (flows/*.yaml). Steps are keyed by name; a conversation stores
 * {flowId, version, stepId}, so reordering or inserting steps never moves anyone to a wrong step.
 */
const stepName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'step names are lower_snake_case');
/** An i18next key with its namespace: `order:ask_quantity`. */
const textKey = z.string().regex(/^[a-z][a-z0-9-]*:[a-zA-Z0-9_.]+$/, 'texts are i18n keys like "order:ask_quantity"');
const valueName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/);

const option = z.object({ value: z.string().min(1).max(60), label: textKey });

const condition = z
  .object({
    value: valueName.optional(),
    customer: z.enum(['gender', 'locale', 'phone', 'name', 'updatesVia']).optional(),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.union([z.string(), z.number()])).optional(),
    lte: z.number().optional(),
    gte: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine((c) => (c.value === undefined) !== (c.customer === undefined), 'a condition names exactly one of value or customer');

const say = z.object({ kind: z.literal('say'), text: z.union([textKey, z.array(textKey).min(1)]), quickReplies: z.array(option).optional(), next: stepName.optional() }).strict();

const ask = z
  .object({
    kind: z.literal('ask'),
    prompt: textKey,
    /**
     * name: "陈女士" also sets the gender; address: a postal address, never a question or refusal;
     * photo: a picture sent (saves how many), or an option / a "no" for none (saves 0).
     */
    type: z.enum(['text', 'number', 'phone', 'choice', 'yesno', 'date', 'name', 'address', 'photo']),
    save: valueName,
    /**
     * A detail the customer may already have given ("我想买两箱天朝上品，送到…"): filled from it,
     * and then the question is not asked (the read-back still lets them correct it).
     */
    slot: z.enum(SLOT_NAMES).optional(),
    options: z.array(option).min(1).optional(),
    /** Options from the product catalogue instead of a fixed list. */
    optionsFrom: z.enum(['catalogue']).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** For text: the shortest answer accepted (an address of two characters is not one). */
    minLength: z.number().int().positive().max(5000).optional(),
    maxLength: z.number().int().positive().max(5000).optional(),
    /** Keywords (any language, normalised) that choose an option: {value: [words]}. */
    synonyms: z.record(z.string(), z.array(z.string().min(1))).optional(),
    invalid: textKey.optional(),
    retries: z.number().int().min(1).max(10).default(3),
    /** Where to go after the last failed try; default: offer a human. */
    onGiveUp: stepName.optional(),
    next: stepName,
  })
  .strict()
  .refine((s) => s.type !== 'choice' || !!s.options || !!s.optionsFrom, 'a choice needs options or optionsFrom');

const confirm = z
  .object({
    kind: z.literal('confirm'),
    prompt: textKey,
    /** The values a customer may correct, each with the step that asks for it again. */
    fields: z.array(z.object({ value: valueName, label: textKey, step: stepName })).min(1),
    yes: stepName,
    retries: z.number().int().min(1).max(10).default(3),
    onGiveUp: stepName.optional(),
  })
  .strict();

const branch = z.object({ kind: z.literal('branch'), cases: z.array(z.object({ if: condition, next: stepName })).min(1), else: stepName }).strict();

const action = z
  .object({
    kind: z.literal('action'),
    action: z.string().regex(/^[a-zA-Z]+$/),
    with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    next: stepName.optional(),
    onError: stepName.optional(),
  })
  .strict();

const goto = z.object({ kind: z.literal('goto'), flow: z.string().optional(), step: stepName.optional() }).strict().refine((g) => g.flow || g.step, 'goto needs a flow or a step');
const end = z.object({ kind: z.literal('end'), text: z.union([textKey, z.array(textKey)]).optional(), menu: z.boolean().default(false) }).strict();

export const stepSchema = z.discriminatedUnion('kind', [say, ask, confirm, branch, action, goto, end]);

export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'flow ids are kebab-case'),
    version: z.number().int().positive(),
    /** Shown in the menu (an i18n key) when the flow can be started by the customer. */
    title: textKey.optional(),
    /** Words that start the flow when no other flow is running (matched after normalisation). */
    triggers: z.array(z.string().min(1)).default([]),
    /** Unused: the company profile (flows/profiles/) lists the menu; kept so older flow files load. */
    menuOrder: z.number().int().optional(),
    start: stepName,
    steps: z.record(stepName, stepSchema),
  })
  .strict();

export type FlowDefinition = z.output<typeof flowSchema>;
export type Step = z.output<typeof stepSchema>;
export type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;
export type Condition = z.output<typeof condition>;
export type ChoiceOption = z.output<typeof option>;

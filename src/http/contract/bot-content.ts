import { z } from 'zod';
import { isoDate } from './common';
import { LOCALES } from './enums';

/** The parts of the bot a manager edits (flows, wording and tests have one part per name). */
export const BOT_SECTIONS = ['profile', 'catalogue', 'intents', 'knowledge', 'commonKnowledge', 'flows', 'wording', 'tests'] as const;
export const BOT_NAMED_SECTIONS = ['flows', 'wording', 'tests'] as const;

const tree = z.record(z.string(), z.unknown());
const partName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be kebab-case like "order"');
const author = z.object({ id: z.string().optional(), name: z.string().optional() });

/** What `npm run flows:check` reports, and where: the flow, step and field at fault. */
export const botProblem = z
  .object({
    section: z.enum(BOT_SECTIONS),
    message: z.string(),
    name: z.string().optional().describe('the flow file, namespace or test file'),
    flowId: z.string().optional(),
    stepId: z.string().optional(),
    field: z.string().optional().describe('the step’s field, e.g. next, prompt, options.1.label'),
  })
  .meta({ id: 'BotProblem' });

/** The editable content: flows, wording per namespace and locale, catalogue, intents, FAQ, small talk, tests. */
export const botBundle = z
  .object({
    profile: tree,
    flows: z.record(z.string(), tree),
    wording: z.record(z.string(), z.object(Object.fromEntries(LOCALES.map((l) => [l, tree])) as Record<(typeof LOCALES)[number], typeof tree>)),
    catalogue: tree,
    intents: tree,
    knowledge: tree,
    commonKnowledge: tree,
    tests: z.record(z.string(), tree),
  })
  .meta({ id: 'BotBundle' });

export const draftState = z
  .object({
    base: z.int().describe('the published version the draft started from'),
    current: z.int().describe('the version every instance runs'),
    rev: z.int(),
    hash: z.string(),
    changed: z.boolean().describe('the draft differs from its base'),
    stale: z.boolean().describe('another version was published since the draft started'),
    updatedAt: isoDate.optional(),
    updatedBy: author.optional(),
    problems: z.array(botProblem),
    testCount: z.int(),
    running: z.object({ number: z.int(), error: z.string().optional() }).describe('what this instance runs; error: the current version does not compile here'),
  })
  .meta({ id: 'BotDraftState' });

/** The draft with what the step forms offer (actions, slots). */
export const draftView = draftState.extend({ bundle: botBundle, actions: z.array(z.string()), slots: z.array(z.string()), profile: z.string() });

export const partQuery = z.strictObject({ section: z.enum(BOT_SECTIONS), name: partName.optional() });
export const partAnswer = z.object({ value: z.unknown(), yaml: z.string() });
export const partBody = z
  .strictObject({
    section: z.enum(BOT_SECTIONS),
    name: partName.optional(),
    value: tree.optional().describe('the part as data'),
    yaml: z.string().max(500_000).optional().describe('or as YAML text'),
  })
  .refine((b) => (b.value === undefined) !== (b.yaml === undefined), { message: 'send value or yaml', path: ['value'] })
  .refine((b) => !(BOT_NAMED_SECTIONS as readonly string[]).includes(b.section) || !!b.name, { message: 'flows, wording and tests need a name', path: ['name'] });
export const removeQuery = z.strictObject({ section: z.enum(BOT_NAMED_SECTIONS), name: partName });

export const importBody = z
  .strictObject({
    text: z.string().max(4_000_000).optional().describe('an exported file, YAML or JSON'),
    source: z.literal('files').optional().describe('flows/ and locales/ of the running build'),
  })
  .refine((b) => (b.text === undefined) !== (b.source === undefined), { message: 'send text or source', path: ['text'] });
export const exportQuery = z.strictObject({ format: z.enum(['yaml', 'json']).default('yaml') });

export const testFailure = z.object({ file: z.string(), name: z.string(), message: z.string() });
export const testRun = z
  .object({
    id: z.string(),
    hash: z.string(),
    status: z.enum(['running', 'passed', 'failed', 'error']),
    total: z.int(),
    passed: z.int(),
    failures: z.array(testFailure),
    error: z.string().optional(),
    startedAt: isoDate,
    finishedAt: isoDate.optional(),
  })
  .meta({ id: 'BotTestRun' });
export const testsBody = z.strictObject({ again: z.boolean().optional() });
export const runParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, 'must be a test run id') });

export const tryBody = z
  .strictObject({
    session: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be 6–64 letters, digits, _ or -'),
    start: z.boolean().optional(),
    text: z.string().max(2000).optional(),
    choice: z.string().max(200).optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .refine((b) => b.start || b.text !== undefined || b.choice !== undefined, { message: 'send start, text or choice', path: ['text'] });
export const tryAnswer = z.object({
  replies: z.array(z.object({ text: z.string(), quickReplies: z.array(z.object({ label: z.string(), value: z.string() })).optional() })),
  turn: z
    .object({ flowId: z.string().optional(), stepId: z.string().optional(), values: tree, understood: z.string().optional(), locale: z.enum(LOCALES), handoff: z.boolean() })
    .optional()
    .describe('what the turn understood (EngineResult.understood) and where the chat is'),
  status: z.string().optional(),
});

export const versionMeta = z
  .object({
    number: z.int(),
    kind: z.enum(['seed', 'publish', 'rollback']),
    note: z.string(),
    author: author.optional(),
    createdAt: isoDate,
    hash: z.string(),
    restores: z.int().optional(),
    summary: z.object({ flows: z.int(), texts: z.int(), products: z.int(), faq: z.int(), tests: z.int() }),
  })
  .meta({ id: 'BotVersion' });
export const versionList = z.object({ current: z.int(), items: z.array(versionMeta) });
export const versionParams = z.strictObject({ number: z.coerce.number().int().min(1) });
export const versionDetail = z.object({ meta: versionMeta, bundle: botBundle });
export const publishBody = z.strictObject({ note: z.string().trim().max(500).default('') });
export const rollbackBody = z.strictObject({ note: z.string().trim().max(500).optional() });

const versionRef = z.union([z.literal('draft'), z.coerce.number().int().min(1)]);
export const diffQuery = z.strictObject({ from: versionRef, to: versionRef });
export const diffAnswer = z.object({
  entries: z.array(
    z.object({
      section: z.enum(BOT_SECTIONS),
      name: z.string().optional(),
      change: z.enum(['added', 'removed', 'changed']),
      lines: z.array(z.string()).optional(),
      texts: z.array(z.object({ key: z.string(), locale: z.enum(LOCALES), before: z.string().optional(), after: z.string().optional() })).optional(),
    }),
  ),
});
export const botFileAnswer = z.string().meta({ description: 'the bot as one file (format kefu-bot/1), YAML or JSON' });

type Out<T extends z.ZodType> = z.output<T>;
export type BotProblem = Out<typeof botProblem>;
export type BotBundleView = Out<typeof botBundle>;
export type BotDraftState = Out<typeof draftState>;
export type BotDraftView = Out<typeof draftView>;
export type BotTestRunView = Out<typeof testRun>;
export type BotTryAnswer = Out<typeof tryAnswer>;
export type BotVersionMeta = Out<typeof versionMeta>;
export type BotVersionList = Out<typeof versionList>;
export type BotDiffEntry = Out<typeof diffAnswer>['entries'][number];
export type BotSection = (typeof BOT_SECTIONS)[number];

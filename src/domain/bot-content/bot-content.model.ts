import { Schema, model, type Types } from 'mongoose';

/** Who made a draft change, a version or a test run. */
const authorSchema = new Schema({ id: { type: Schema.Types.ObjectId, ref: 'User' }, name: { type: String, maxlength: 100 } }, { _id: false });

/**
 * The draft of a company profile's bot (one per profile, `_id` the profile id): the parts being
 * edited, each stored as its JSON text (intent words and wording keys may hold "." or "$"), and
 * the published version it was started from. No document: the draft is the current version.
 */
const botDraftSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** `profile`, `catalogue`, `flows:order`, `wording:greeting`, `tests:order` → JSON. */
    parts: { type: Schema.Types.Mixed, required: true },
    base: { type: Number, required: true },
    /** Bumped by every change: a publish clears the draft only if nobody changed it meanwhile. */
    rev: { type: Number, default: 0 },
    updatedBy: authorSchema,
  },
  { timestamps: true, minimize: false },
);

export const VERSION_KINDS = ['seed', 'publish', 'rollback'] as const;

/** A published version: immutable once written; `number` counts per profile from 1. */
const botVersionSchema = new Schema(
  {
    profile: { type: String, required: true },
    number: { type: Number, required: true },
    kind: { type: String, enum: VERSION_KINDS, required: true },
    note: { type: String, maxlength: 500, default: '' },
    author: authorSchema,
    /** The bundle as JSON text. */
    content: { type: String, required: true },
    hash: { type: String, required: true },
    /** `order@3`: the flow versions this version holds (a conversation's frame finds its version by them). */
    flowKeys: { type: [String], default: [] },
    /** A rollback: the version whose content it restores. */
    restores: Number,
    summary: { flows: Number, texts: Number, products: Number, faq: Number, tests: Number },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
botVersionSchema.index({ profile: 1, number: 1 }, { unique: true });
botVersionSchema.index({ flowKeys: 1 });

/**
 * The version every instance runs, per profile (`_id` the profile id): instances read it by _id
 * every few seconds; `seq` hands out version numbers atomically.
 */
const botReleaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, default: 0 },
    current: { type: Number, default: 0 },
    publishedAt: Date,
    publishedBy: authorSchema,
  },
  { timestamps: false },
);

/**
 * One flow version of a profile and its definition's fingerprint (`_id` "retail/order@3"): written
 * once, by an insert that fails if taken, so two publishes can never give one number two meanings.
 */
const botFlowVersionSchema = new Schema({ _id: { type: String, required: true }, profile: { type: String, required: true }, hash: { type: String, required: true } }, { timestamps: false });

export const TEST_RUN_STATUSES = ['running', 'passed', 'failed', 'error'] as const;

/** A run of the conversation tests against some content (by its fingerprint), with what failed. */
const botTestRunSchema = new Schema(
  {
    profile: { type: String, required: true },
    hash: { type: String, required: true },
    status: { type: String, enum: TEST_RUN_STATUSES, required: true },
    total: { type: Number, default: 0 },
    passed: { type: Number, default: 0 },
    failures: { type: [{ _id: false, file: String, name: String, message: String }], default: [] },
    error: { type: String, maxlength: 4000 },
    by: authorSchema,
    startedAt: { type: Date, required: true },
    finishedAt: Date,
  },
  { timestamps: false },
);
botTestRunSchema.index({ profile: 1, hash: 1, startedAt: -1 });

export const BotDraft = model('BotDraft', botDraftSchema);
export const BotContentVersion = model('BotContentVersion', botVersionSchema);
export const BotRelease = model('BotRelease', botReleaseSchema);
export const BotTestRun = model('BotTestRun', botTestRunSchema);
export const BotFlowVersion = model('BotFlowVersion', botFlowVersionSchema);

export interface Author {
  id?: Types.ObjectId;
  name: string;
}

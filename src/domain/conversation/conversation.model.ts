import { Schema, model, type FlattenMaps, type InferSchemaType, type HydratedDocument, type Types } from 'mongoose';
import { CHANNELS, LOCALES } from '../../core/message';
import { scoreField, withReportDay } from '../shared/schema-helpers';

export const CONVERSATION_STATUSES = ['bot', 'waiting', 'assigned', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Where the customer is in a flow: by step name, never by index, so editing a flow is safe. */
const flowFrameSchema = new Schema(
  {
    flowId: { type: String, required: true },
    version: { type: Number, required: true },
    stepId: { type: String, required: true },
    values: { type: Schema.Types.Mixed, default: {} },
    retries: { type: Number, default: 0 },
    /** After re-asking a corrected value, the confirm step to go back to (FlowState.returnTo). */
    returnTo: String,
    /** A confirm step waiting for "which value to change?" (FlowState.awaiting). */
    awaiting: { type: String, enum: ['field'] },
  },
  { _id: false, minimize: false },
);

/** A chat with one customer on one channel, from the first message until it is closed. */
const conversationSchema = new Schema(
  {
    channel: { type: String, enum: CHANNELS, required: true },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    /** The thread on the channel (room, chat id…); with the channel it finds the open conversation. */
    conversationKey: { type: String, required: true, maxlength: 300 },
    externalUserId: { type: String, required: true, maxlength: 256 },
    /**
     * `<channel>:<key>` while open, `closed:<id>` after: unique, so a channel thread has one open
     * conversation, found (or created) by one atomic upsert. Not a partial index: the embedded
     * server would enforce it as a full unique index.
     */
    openKey: { type: String, required: true },
    replyContext: { type: Schema.Types.Mixed },
    locale: { type: String, enum: LOCALES },
    status: { type: String, enum: CONVERSATION_STATUSES, default: 'bot', required: true },
    /** 0 normal, 10 serious complaint: higher is served first. */
    priority: { type: Number, default: 0, min: 0, max: 10 },
    handoffReason: { type: String, enum: ['customer_request', 'not_understood', 'flow', 'serious_complaint', 'agent'] },
    assignee: { type: Schema.Types.ObjectId, ref: 'User' },
    flow: { type: flowFrameSchema },
    /** Flows interrupted by a global intent, resumed after it (most recent last). */
    suspended: { type: [flowFrameSchema], default: [] },
    notUnderstood: { type: Number, default: 0, min: 0 },
    /** The buttons last offered, so "2" or a label typed on a text-only channel picks one. */
    offered: { type: [{ _id: false, label: String, value: String }], default: undefined },
    greetedAt: Date,
    /** Revision: a turn's state is saved only if no agent action changed the conversation meanwhile. */
    rev: { type: Number, default: 0 },
    /** Inbound messages waiting for their turn, in arrival order (pushed atomically). */
    pending: { type: [Schema.Types.ObjectId], default: [] },
    /** The last inbound messages whose turn is saved (the commit point of a turn; bounded). */
    turns: { type: [Schema.Types.ObjectId], default: [] },
    /**
     * The replies of the last turn that had some, still to be sent then, and the instance sending
     * them: a next turn run on another instance sends its replies after them (in the customer's order).
     */
    lastReplies: { type: [Schema.Types.ObjectId], default: undefined },
    lastRepliesBy: { type: String },
    /**
     * The turn lease: the instance that runs this conversation's turns until leaseUntil. Taken by a
     * compare-and-set; a dead instance's lease expires and another carries on.
     */
    leaseOwner: { type: String },
    leaseUntil: { type: Date, default: () => new Date(0) },
    tokenHash: { type: String },
    lastMessageAt: Date,
    lastMessagePreview: { type: String, maxlength: 200 },
    lastCustomerMessageAt: Date,
    waitingSince: Date,
    assignedAt: Date,
    /** SLA: first message by a human agent, and when the chat was closed. */
    firstHumanResponseAt: Date,
    closedAt: Date,
    closedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    rating: {
      /** The one score the customer must give; the three dimensions are optional. */
      overall: scoreField,
      attitude: scoreField,
      speed: scoreField,
      resolution: scoreField,
      comment: { type: String, maxlength: 2000 },
      at: Date,
    },
  },
  { timestamps: true, minimize: false },
);
withReportDay(conversationSchema);
conversationSchema.index({ openKey: 1 }, { unique: true });
conversationSchema.index({ status: 1, priority: -1, waitingSince: 1 });
conversationSchema.index({ assignee: 1, status: 1 });
conversationSchema.index({ customer: 1, createdAt: -1 });
conversationSchema.index({ lastMessageAt: -1 });
conversationSchema.index({ tokenHash: 1 });
// The recovery sweep: conversations with turns waiting (a multikey index: `pending: {$type: 'objectId'}`).
conversationSchema.index({ pending: 1 });

export type ConversationFields = InferSchemaType<typeof conversationSchema>;
export type ConversationDoc = HydratedDocument<ConversationFields>;
/** A stored conversation as a plain object (a lean read, or a hydrated document: both fit). */
export type ConversationRecord = Omit<FlattenMaps<ConversationFields>, 'offered' | 'suspended'> & {
  _id: Types.ObjectId;
  createdAt?: Date;
  updatedAt?: Date;
  offered?: { label?: string | null; value?: string | null }[] | null;
  suspended: unknown[];
};
export const Conversation = model('Conversation', conversationSchema);

import { Schema, model, type FlattenMaps, type InferSchemaType, type HydratedDocument, type Types } from 'mongoose';
import { ATTACHMENT_KINDS, CHANNELS, type Attachment } from '../../core/message';
import { withReportDay } from '../shared/schema-helpers';

const quickReplySchema = new Schema(
  { label: { type: String, required: true, maxlength: 100 }, value: { type: String, required: true, maxlength: 100 } },
  { _id: false },
);

/** A picture, file, voice or video of the message (core/message.ts Attachment); the bytes are in the file store. */
const attachmentSchema = new Schema(
  {
    kind: { type: String, enum: ATTACHMENT_KINDS, required: true },
    fileId: { type: String, maxlength: 100 },
    name: { type: String, maxlength: 255 },
    size: { type: Number, min: 0 },
    mime: { type: String, maxlength: 200 },
    thumbnailId: { type: String, maxlength: 100 },
    duration: { type: Number, min: 0 },
    transcript: { type: String, maxlength: 4000 },
    error: { type: String, enum: ['too_large', 'type_not_allowed', 'unavailable'] },
  },
  { _id: false },
);

/** One message of a conversation, inbound or outbound, with its delivery state. */
const messageSchema = new Schema(
  {
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    customer: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    channel: { type: String, enum: CHANNELS, required: true },
    direction: { type: String, enum: ['in', 'out'], required: true },
    author: { type: String, enum: ['customer', 'bot', 'agent', 'system'], required: true },
    /** Kept whole: the client API refuses more than 8,000 characters; a platform's own limit bounds its texts. */
    text: { type: String, default: '', maxlength: 65536 },
    choice: { type: String, maxlength: 200 },
    quickReplies: { type: [quickReplySchema], default: undefined },
    attachments: { type: [attachmentSchema], default: undefined },
    payload: { type: Schema.Types.Mixed },
    /**
     * The platform's id for inbound messages (a retried delivery collides and is stored once);
     * our own generated id for outbound ones, so the unique index covers every message.
     */
    channelMessageId: { type: String, required: true, maxlength: 200 },
    /** For bot replies: the inbound message they answer (an idempotent retry returns them again). */
    replyTo: { type: Schema.Types.ObjectId, ref: 'Message' },
    agent: {
      id: { type: Schema.Types.ObjectId, ref: 'User' },
      name: String,
      number: String,
    },
    /** Internal notes are seen by agents only and never sent to the channel. */
    internal: { type: Boolean, default: false },
    /**
     * Set on an inbound message whose turn failed (the customer got an apology). Whether a turn is
     * waiting or done is told by its conversation's `pending` and `turns`, written atomically there.
     */
    processed: { type: String, enum: ['failed'] },
    /** The caller delivers this message's replies itself (client API, Bot Framework expectReplies). */
    repliesInline: Boolean,
    /**
     * The outbox: `pending` until an adapter sent it (or gave up: `failed`, with the reason). An
     * instance sending it holds it until lockedUntil; a crashed sender's messages are resumed after.
     */
    delivery: {
      state: { type: String, enum: ['pending', 'sent', 'failed', 'inline', 'none'] },
      attempts: { type: Number, default: 0 },
      error: String,
      at: Date,
      /** Not to be tried again before this (backoff after a retryable failure). */
      nextAt: Date,
      lockedUntil: Date,
      owner: String,
      /** Earlier replies of the conversation being sent by another instance: this one goes after them. */
      after: { type: [Schema.Types.ObjectId], default: undefined },
    },
  },
  { timestamps: true },
);
withReportDay(messageSchema);
messageSchema.index({ channel: 1, channelMessageId: 1 }, { unique: true });
messageSchema.index({ conversation: 1, createdAt: 1, _id: 1 });
messageSchema.index({ replyTo: 1 });
// The outbox sweep: deliveries left pending.
messageSchema.index({ 'delivery.state': 1, 'delivery.nextAt': 1 });

export type MessageFields = InferSchemaType<typeof messageSchema>;
export type MessageDoc = HydratedDocument<MessageFields>;
/** A stored message as a plain object (a lean read, or a hydrated document: both fit). */
export type MessageRecord = Omit<FlattenMaps<MessageFields>, 'quickReplies' | 'attachments'> & {
  _id: Types.ObjectId;
  createdAt?: Date;
  updatedAt?: Date;
  quickReplies?: { label: string; value: string }[] | null;
  attachments?: StoredAttachment[] | null;
};
/** An attachment as read back (absent fields may come as null). */
export type StoredAttachment = { kind: Attachment['kind'] } & { [K in Exclude<keyof Attachment, 'kind'>]?: Attachment[K] | null };
export const Message = model('Message', messageSchema);

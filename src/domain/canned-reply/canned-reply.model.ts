import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { LOCALES } from '../../core/message';
import { normalizeForMatching } from '../../core/text/normalize';

/**
 * 话术: a standard reply agents insert and adapt. `{{salutation}}`, `{{customerName}}`,
 * `{{agentNumber}}`, `{{agentName}}` and `{{company}}` are filled in for the conversation.
 */
const cannedReplySchema = new Schema(
  {
    title: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
    text: { type: String, required: true, trim: true, minlength: 1, maxlength: 4000 },
    tags: { type: [{ type: String, trim: true, maxlength: 30 }], default: [] },
    locale: { type: String, enum: LOCALES, default: 'zh-CN' },
    /** Title, tags and text folded for search (no $text on FerretDB: a regex on this field). */
    search: { type: String },
  },
  { timestamps: true },
);
cannedReplySchema.pre('validate', function fold() {
  this.search = normalizeForMatching([this.title, ...(this.tags ?? []), this.text].join(' '));
});
cannedReplySchema.index({ title: 1, locale: 1 }, { unique: true });
cannedReplySchema.index({ search: 1 });

export type CannedReplyFields = InferSchemaType<typeof cannedReplySchema>;
export type CannedReplyDoc = HydratedDocument<CannedReplyFields>;
export const CannedReply = model('CannedReply', cannedReplySchema);

import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { phraseKey } from './phrase-key';
import { PHRASE_CATEGORIES } from './categories';

export { PHRASE_CATEGORIES, type PhraseCategory } from './categories';

/** 服务禁语: a phrase agents must not send, with the approved alternative. */
const forbiddenPhraseSchema = new Schema(
  {
    phrase: { type: String, required: true, trim: true, minlength: 1, maxlength: 200 },
    /** The phrase folded for matching (see phrase-key.ts); unique, so one phrase is listed once. */
    key: { type: String, required: true },
    alternative: { type: String, required: true, trim: true, minlength: 1, maxlength: 1000 },
    category: { type: String, enum: PHRASE_CATEGORIES, required: true },
    /** Fine in yuan per offence (0: recorded, not fined). */
    fine: { type: Number, required: true, min: 0, max: 100000 },
    /** Longer words that contain the phrase and are fine: 神经病史 for 神经病. */
    exceptions: { type: [{ type: String, trim: true, maxlength: 200 }], default: [] },
  },
  { timestamps: true },
);
forbiddenPhraseSchema.pre('validate', function setKey() {
  if (this.phrase) this.key = phraseKey(this.phrase);
});
forbiddenPhraseSchema.index({ key: 1 }, { unique: true });

export type ForbiddenPhraseFields = InferSchemaType<typeof forbiddenPhraseSchema>;
export type ForbiddenPhraseDoc = HydratedDocument<ForbiddenPhraseFields>;
export const ForbiddenPhrase = model('ForbiddenPhrase', forbiddenPhraseSchema);

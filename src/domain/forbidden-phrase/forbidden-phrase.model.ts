import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { phraseKey } from './phrase-key';

/**
 * Kinds of 服务禁语 and their fines (001 §二.2): impolite or impatient wording 20 元, dismissal
 * after three; quarrelling: dismissal at once; mocking or insulting 200 元, dismissal after three;
 * ignoring or hanging up on a customer 20 元, dismissal after three. `nonstandard` is wording the
 * scripts replace (e.g. a big customer's price request) without a fine.
 */
export const PHRASE_CATEGORIES = ['impolite', 'quarrel', 'insult', 'hang_up', 'nonstandard'] as const;
export type PhraseCategory = (typeof PHRASE_CATEGORIES)[number];

/** 服务禁语: a phrase agents must not send, with the approved alternative. */
const forbiddenPhraseSchema = new Schema(
  {
    phrase: { type: String, required: true, trim: true, minlength: 1, maxlength: 200 },
    /** The phrase folded for matching (see phrase-key.ts); unique, so one phrase is listed once. */
    key: { type: String, required: true },
    alternative: { type: String, required: true, trim: true, minlength: 1, maxlength: 1000 },
    category: { type: String, enum: PHRASE_CATEGORIES, required: true },
    /** Fine in yuan per occurrence (0: recorded, not fined). */
    fine: { type: Number, required: true, min: 0, max: 100000 },
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

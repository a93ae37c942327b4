import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { ForbiddenPhrase, type ForbiddenPhraseDoc, type PhraseCategory } from './forbidden-phrase.model';
import { phraseKey } from './phrase-key';

/** A forbidden phrase found in a text, as the console shows it. */
export interface PhraseMatch {
  phrase: string;
  alternative: string;
  category: PhraseCategory;
  fine: number;
}

export interface PhraseInput {
  phrase: string;
  alternative: string;
  category: PhraseCategory;
  fine: number;
}

/** The phrase as the API lists it. */
export function toPhraseView(p: ForbiddenPhraseDoc): PhraseMatch & { id: string } {
  return { id: String(p._id), phrase: p.phrase, alternative: p.alternative, category: p.category, fine: p.fine };
}

/**
 * The forbidden phrases (服务禁语) in a text. The list is small (tens), so it is read and matched
 * in memory on every check: an edit by a manager applies at once on every instance.
 */
export async function findForbiddenPhrases(text: string): Promise<PhraseMatch[]> {
  const folded = phraseKey(text);
  if (!folded) return [];
  const phrases = await ForbiddenPhrase.find().sort({ fine: -1, phrase: 1 }).lean();
  return phrases
    .filter((p) => p.key && folded.includes(p.key))
    .map((p) => ({ phrase: p.phrase, alternative: p.alternative, category: p.category, fine: p.fine }));
}

/** Every forbidden phrase, heaviest fine first. */
export async function listForbiddenPhrases(): Promise<ForbiddenPhraseDoc[]> {
  return ForbiddenPhrase.find().sort({ fine: -1, category: 1, phrase: 1 });
}

/** Adds a phrase (409 DUPLICATE when it folds to one already listed). */
export async function addForbiddenPhrase(input: PhraseInput, actor: Actor): Promise<ForbiddenPhraseDoc> {
  const phrase = await ForbiddenPhrase.create(input);
  await recordAudit(actor, 'forbidden-phrase.create', { type: 'ForbiddenPhrase', id: phrase._id }, input);
  return phrase;
}

/** Replaces a phrase's wording, alternative, category and fine. */
export async function updateForbiddenPhrase(id: string, input: PhraseInput, actor: Actor): Promise<ForbiddenPhraseDoc> {
  const phrase = await ForbiddenPhrase.findById(id);
  if (!phrase) throw new AppError('NOT_FOUND', 'Forbidden phrase not found');
  phrase.set(input);
  await phrase.save();
  await recordAudit(actor, 'forbidden-phrase.update', { type: 'ForbiddenPhrase', id: phrase._id }, input);
  return phrase;
}

/** Removes a phrase; violations already recorded keep their copy of it. */
export async function deleteForbiddenPhrase(id: string, actor: Actor): Promise<void> {
  const phrase = await ForbiddenPhrase.findByIdAndDelete(id);
  if (!phrase) throw new AppError('NOT_FOUND', 'Forbidden phrase not found');
  await recordAudit(actor, 'forbidden-phrase.delete', { type: 'ForbiddenPhrase', id: phrase._id }, { phrase: phrase.phrase });
}

import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { ForbiddenPhrase, type ForbiddenPhraseDoc } from './forbidden-phrase.model';
import type { PhraseCategory } from './categories';
import { PhraseMatcher } from './phrase-matcher';

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
  exceptions?: string[];
}

/** The phrase as the API lists it. */
export function toPhraseView(p: ForbiddenPhraseDoc): PhraseMatch & { id: string; exceptions: string[] } {
  return { id: String(p._id), phrase: p.phrase, alternative: p.alternative, category: p.category, fine: p.fine, exceptions: [...(p.exceptions ?? [])] };
}

/**
 * How long a compiled list serves before it is read again: an edit on this instance applies at
 * once, an edit on another instance within this time.
 */
const LIST_TTL_MS = 5000;
let compiled: { matcher: PhraseMatcher<PhraseMatch>; at: number } | undefined;
let loading: Promise<PhraseMatcher<PhraseMatch>> | undefined;
/** Bumped by each edit, so a list read before it is not kept. */
let generation = 0;

async function matcher(): Promise<PhraseMatcher<PhraseMatch>> {
  if (compiled && Date.now() - compiled.at < LIST_TTL_MS) return compiled.matcher;
  loading ??= (async () => {
    const started = generation;
    const phrases = await ForbiddenPhrase.find().sort({ fine: -1, phrase: 1 }).lean();
    const m = new PhraseMatcher(phrases.map((p) => ({ phrase: p.phrase, exceptions: p.exceptions ?? [], value: { phrase: p.phrase, alternative: p.alternative, category: p.category, fine: p.fine } })));
    if (started === generation) compiled = { matcher: m, at: Date.now() };
    return m;
  })().finally(() => (loading = undefined));
  return loading;
}

/** Forgets the compiled list (after an edit here). */
function invalidate(): void {
  generation++;
  compiled = undefined;
  loading = undefined;
}

/**
 * The forbidden phrases (服务禁语) in a text, matched on words, not substrings (see
 * PhraseMatcher), heaviest fine first. The compiled list is kept for a few seconds.
 */
export async function findForbiddenPhrases(text: string): Promise<PhraseMatch[]> {
  return (await matcher()).find(text);
}

/** Every forbidden phrase, heaviest fine first. */
export async function listForbiddenPhrases(): Promise<ForbiddenPhraseDoc[]> {
  return ForbiddenPhrase.find().sort({ fine: -1, category: 1, phrase: 1 });
}

/** Adds a phrase (409 DUPLICATE when it folds to one already listed). */
export async function addForbiddenPhrase(input: PhraseInput, actor: Actor): Promise<ForbiddenPhraseDoc> {
  const phrase = await ForbiddenPhrase.create(input);
  invalidate();
  await recordAudit(actor, 'forbidden-phrase.create', { type: 'ForbiddenPhrase', id: phrase._id }, input);
  return phrase;
}

/** Replaces a phrase's wording, alternative, category, fine and exceptions. */
export async function updateForbiddenPhrase(id: string, input: PhraseInput, actor: Actor): Promise<ForbiddenPhraseDoc> {
  const phrase = await ForbiddenPhrase.findById(id);
  if (!phrase) throw new AppError('NOT_FOUND', 'Forbidden phrase not found');
  const before = toPhraseView(phrase);
  phrase.set({ exceptions: [], ...input });
  await phrase.save();
  invalidate();
  await recordAudit(actor, 'forbidden-phrase.update', { type: 'ForbiddenPhrase', id: phrase._id }, { from: before, to: input });
  return phrase;
}

/** Removes a phrase; violations already recorded keep their copy of it. */
export async function deleteForbiddenPhrase(id: string, actor: Actor): Promise<void> {
  const phrase = await ForbiddenPhrase.findByIdAndDelete(id);
  if (!phrase) throw new AppError('NOT_FOUND', 'Forbidden phrase not found');
  invalidate();
  await recordAudit(actor, 'forbidden-phrase.delete', { type: 'ForbiddenPhrase', id: phrase._id }, { phrase: phrase.phrase });
}

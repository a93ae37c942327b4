import { AppError } from '../../errors';
import { BotDraft, type Author } from './bot-content.model';
import { bundleOf, hashOf, NAMED_SECTIONS, PART_NAME, partKey, partsOf, type BotBundle, type Section } from './content-bundle';
import { currentNumber, readVersion } from './version.service';
import { isDuplicateKey } from '../../db/create-once';

/** The draft of a profile's bot: what the console edits, tests and publishes. */
export interface Draft {
  bundle: BotBundle;
  hash: string;
  /** The published version it started from. */
  base: number;
  /** Changes so far (0: no change since `base`, the draft is that version). */
  rev: number;
  updatedAt?: Date;
  updatedBy?: { id?: string; name?: string };
}

const isDuplicate = (err: unknown) => isDuplicateKey(err);

/** The draft, or the current version when nobody has changed anything since it was published. */
export async function readDraft(profile: string): Promise<Draft> {
  const doc = await BotDraft.findById(profile).lean();
  if (doc) {
    const bundle = bundleOf(doc.parts as Record<string, string>);
    const by = doc.updatedBy ? { id: doc.updatedBy.id ? String(doc.updatedBy.id) : undefined, name: doc.updatedBy.name ?? undefined } : undefined;
    return { bundle, hash: hashOf(bundle), base: doc.base, rev: doc.rev, updatedAt: doc.updatedAt, updatedBy: by };
  }
  const base = await currentNumber(profile);
  const { bundle } = await readVersion(profile, base);
  return { bundle, hash: hashOf(bundle), base, rev: 0 };
}

/** The draft document, made from the current version on the first change (once, whoever comes first). */
async function ensureDraft(profile: string, author: Author): Promise<void> {
  if (await BotDraft.exists({ _id: profile })) return;
  const base = await currentNumber(profile);
  const { bundle } = await readVersion(profile, base);
  try {
    await BotDraft.create({ _id: profile, parts: partsOf(bundle), base, rev: 0, updatedBy: author });
  } catch (err) {
    if (!isDuplicate(err)) throw err;
  }
}

function keyOf(section: Section, name: string | undefined): string {
  const named = (NAMED_SECTIONS as readonly string[]).includes(section);
  if (named && (!name || !PART_NAME.test(name))) throw new AppError('VALIDATION_FAILED', 'name: must be kebab-case like "order"', { details: [{ field: 'name', message: 'must be kebab-case like "order"' }] });
  return partKey(section, name);
}

/** Replaces one part of the draft (a flow, a namespace's wording, the catalogue…) in one atomic write. */
export async function savePart(profile: string, section: Section, name: string | undefined, value: unknown, author: Author): Promise<void> {
  const key = keyOf(section, name);
  await ensureDraft(profile, author);
  await BotDraft.updateOne({ _id: profile }, { $set: { [`parts.${key}`]: JSON.stringify(value), updatedBy: author }, $inc: { rev: 1 } });
}

/** Removes a flow, a namespace or a test file from the draft. */
export async function removePart(profile: string, section: Section, name: string, author: Author): Promise<void> {
  const key = keyOf(section, name);
  if (!(NAMED_SECTIONS as readonly string[]).includes(section)) throw new AppError('VALIDATION_FAILED', `${section} cannot be removed`);
  await ensureDraft(profile, author);
  await BotDraft.updateOne({ _id: profile }, { $unset: { [`parts.${key}`]: '' }, $set: { updatedBy: author }, $inc: { rev: 1 } });
}

/** Replaces the whole draft (an import); it starts from the current version. */
export async function replaceDraft(profile: string, bundle: BotBundle, author: Author): Promise<void> {
  const base = await currentNumber(profile);
  await BotDraft.updateOne({ _id: profile }, { $set: { parts: partsOf(bundle), base, updatedBy: author }, $inc: { rev: 1 } }, { upsert: true });
}

/** Drops the draft: the console shows the current version again. */
export async function discardDraft(profile: string): Promise<void> {
  await BotDraft.deleteOne({ _id: profile });
}

/** After a publish: the draft goes, unless somebody changed it while the version was written. */
export async function clearDraftIfUnchanged(profile: string, rev: number): Promise<void> {
  await BotDraft.deleteOne({ _id: profile, rev });
}

import type { Types } from 'mongoose';
import { AppError } from '../../errors';
import { BotContentVersion, BotFlowVersion, BotRelease, type Author } from './bot-content.model';
import { hashOf, type BotBundle } from './content-bundle';
import { assignFlowVersions, type FlowFingerprint } from './flow-versions';
import { isDuplicateKey } from '../../db/create-once';

const isDuplicate = (err: unknown) => isDuplicateKey(err);

/** A published version without its content. */
export interface VersionMeta {
  number: number;
  kind: 'seed' | 'publish' | 'rollback';
  note: string;
  author?: { id?: string; name?: string };
  createdAt: Date;
  hash: string;
  restores?: number;
  summary: { flows: number; texts: number; products: number; faq: number; tests: number };
}

type VersionRecord = {
  number: number; kind: VersionMeta['kind']; note?: string | null; author?: { id?: unknown; name?: string | null } | null; createdAt?: Date; hash: string;
  restores?: number | null; summary?: Partial<VersionMeta['summary']> | null;
};

function metaOf(v: VersionRecord): VersionMeta {
  const s = v.summary ?? {};
  return {
    number: v.number, kind: v.kind, note: v.note ?? '', hash: v.hash, createdAt: v.createdAt ?? new Date(0),
    author: v.author ? { id: v.author.id ? String(v.author.id) : undefined, name: v.author.name ?? undefined } : undefined,
    restores: v.restores ?? undefined,
    summary: { flows: s.flows ?? 0, texts: s.texts ?? 0, products: s.products ?? 0, faq: s.faq ?? 0, tests: s.tests ?? 0 },
  };
}

function countTexts(node: unknown): number {
  if (typeof node === 'string') return 1;
  return node && typeof node === 'object' ? Object.values(node).reduce<number>((n, v) => n + countTexts(v), 0) : 0;
}

const lengthOf = (v: unknown) => (Array.isArray(v) ? v.length : 0);

function summaryOf(bundle: BotBundle): VersionMeta['summary'] {
  return {
    flows: Object.keys(bundle.flows).length,
    texts: Object.values(bundle.wording).reduce((n, w) => n + countTexts(w['zh-CN']), 0),
    products: lengthOf(bundle.catalogue.products),
    faq: lengthOf(bundle.knowledge.entries),
    tests: Object.values(bundle.tests).reduce((n, f) => n + lengthOf(f.tests), 0),
  };
}

/** The version every instance should run (0: none published yet). */
export async function currentNumber(profile: string): Promise<number> {
  return (await BotRelease.findById(profile, { current: 1 }).lean())?.current ?? 0;
}

/** The published versions, newest first. */
export async function listVersions(profile: string, limit = 200): Promise<VersionMeta[]> {
  const rows = await BotContentVersion.find({ profile }, { content: 0, flowKeys: 0 }).sort({ number: -1 }).limit(limit).lean();
  return rows.map((v) => metaOf(v as VersionRecord));
}

/** One version with its content; 404 BOT_VERSION_NOT_FOUND when there is none. */
export async function readVersion(profile: string, number: number): Promise<{ meta: VersionMeta; bundle: BotBundle }> {
  const v = await BotContentVersion.findOne({ profile, number }).lean();
  if (!v) throw new AppError('BOT_VERSION_NOT_FOUND', `there is no version ${number}`);
  return { meta: metaOf(v as VersionRecord), bundle: JSON.parse(v.content) as BotBundle };
}

/** The fingerprint of a version's content (to tell whether a draft differs from it). */
export async function versionHash(profile: string, number: number): Promise<string | undefined> {
  return (await BotContentVersion.findOne({ profile, number }, { hash: 1 }).lean())?.hash;
}

/** The newest version holding a flow version (`order@3`), if any. */
export async function versionHolding(profile: string, flowId: string, flowVersion: number): Promise<{ number: number; bundle: BotBundle } | undefined> {
  const v = await BotContentVersion.findOne({ profile, flowKeys: `${flowId}@${flowVersion}` }, { number: 1, content: 1 }).sort({ number: -1 }).lean();
  return v ? { number: v.number, bundle: JSON.parse(v.content) as BotBundle } : undefined;
}

/**
 * Takes the flow versions for a bundle: each `order@3` is inserted once with its definition's
 * fingerprint; one taken meanwhile by another definition (a publish at the same moment) makes the
 * numbering start again with it known.
 */
async function numberFlows(profile: string, bundle: BotBundle): Promise<{ bundle: BotBundle; fingerprints: FlowFingerprint[] }> {
  for (let attempt = 0; ; attempt++) {
    const known = (await BotFlowVersion.find({ profile }).lean()).map((f) => ({ key: f._id.slice(profile.length + 1), hash: f.hash }));
    const numbered = assignFlowVersions(bundle, known);
    const taken = new Map(known.map((k) => [k.key, k.hash]));
    let clash = false;
    for (const f of numbered.fingerprints.filter((x) => !taken.has(x.key))) {
      try {
        await BotFlowVersion.create({ _id: `${profile}/${f.key}`, profile, hash: f.hash });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        const other = await BotFlowVersion.findById(`${profile}/${f.key}`).lean();
        if (other?.hash !== f.hash) clash = true;
      }
    }
    if (!clash) return numbered;
    if (attempt >= 5) throw new AppError('CONFLICT', 'flow versions kept changing while publishing; try again');
  }
}

export interface NewVersion {
  kind: VersionMeta['kind'];
  note: string;
  author: Author;
  restores?: number;
}

/**
 * Writes a version (immutable) and makes it the one every instance runs: the flows numbered so a
 * flow version always means one definition, the number from the release's counter, the release
 * moved only forward. The seed is number 1, written once however many instances start together.
 */
export async function createVersion(profile: string, bundle: BotBundle, v: NewVersion): Promise<{ id?: Types.ObjectId; number: number; bundle: BotBundle; created: boolean }> {
  const numbered = await numberFlows(profile, bundle);
  const number = v.kind === 'seed' ? 1 : (await BotRelease.findOneAndUpdate({ _id: profile }, { $inc: { seq: 1 } }, { upsert: true, new: true }).lean())!.seq;
  let id: Types.ObjectId | undefined;
  try {
    ({ _id: id } = await BotContentVersion.create({
      profile, number, kind: v.kind, note: v.note, author: v.author, restores: v.restores,
      content: JSON.stringify(numbered.bundle), hash: hashOf(numbered.bundle), flowKeys: numbered.fingerprints.map((f) => f.key), summary: summaryOf(numbered.bundle),
    }));
  } catch (err) {
    if (!(isDuplicate(err) && v.kind === 'seed')) throw err;
  }
  await BotRelease.updateOne({ _id: profile }, { $max: { seq: number } }, { upsert: true });
  await BotRelease.updateOne({ _id: profile, current: { $lt: number } }, { $set: { current: number, publishedAt: new Date(), publishedBy: v.author } });
  return { id, number, bundle: numbered.bundle, created: id !== undefined };
}

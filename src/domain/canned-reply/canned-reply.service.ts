import { AppError } from '../../errors';
import type { Locale } from '../../core/message';
import { normalizeForMatching } from '../../core/text/normalize';
import { recordAudit, type Actor } from '../audit/audit.service';
import { CannedReply, type CannedReplyDoc } from './canned-reply.model';

export interface CannedReplyInput {
  title: string;
  text: string;
  tags?: string[];
  locale?: Locale;
}

/** The values a canned reply's `{{placeholders}}` are filled with. */
export interface ReplyVariables {
  salutation: string;
  customerName: string;
  agentNumber: string;
  agentName: string;
  company: string;
}

/** A canned reply as the API lists it. */
export function toCannedView(r: CannedReplyDoc) {
  return { id: String(r._id), title: r.title, text: r.text, tags: [...(r.tags ?? [])], locale: r.locale ?? 'zh-CN' };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Canned replies whose title, tags or text contain `q` (any script or width), titles A→Z. */
export async function searchCannedReplies(q: string | undefined, locale?: Locale, limit = 50): Promise<CannedReplyDoc[]> {
  const filter: Record<string, unknown> = {};
  const folded = normalizeForMatching(q ?? '');
  if (folded) filter.search = { $regex: escapeRegex(folded) };
  if (locale) filter.locale = locale;
  return CannedReply.find(filter).sort({ title: 1 }).limit(limit);
}

export async function getCannedReply(id: string): Promise<CannedReplyDoc> {
  const reply = await CannedReply.findById(id);
  if (!reply) throw new AppError('NOT_FOUND', 'Canned reply not found');
  return reply;
}

export async function addCannedReply(input: CannedReplyInput, actor: Actor): Promise<CannedReplyDoc> {
  const reply = await CannedReply.create(input);
  await recordAudit(actor, 'canned-reply.create', { type: 'CannedReply', id: reply._id }, { title: reply.title });
  return reply;
}

export async function updateCannedReply(id: string, input: CannedReplyInput, actor: Actor): Promise<CannedReplyDoc> {
  const reply = await getCannedReply(id);
  reply.set({ tags: [], ...input });
  await reply.save();
  await recordAudit(actor, 'canned-reply.update', { type: 'CannedReply', id: reply._id }, { title: reply.title });
  return reply;
}

export async function deleteCannedReply(id: string, actor: Actor): Promise<void> {
  const reply = await CannedReply.findByIdAndDelete(id);
  if (!reply) throw new AppError('NOT_FOUND', 'Canned reply not found');
  await recordAudit(actor, 'canned-reply.delete', { type: 'CannedReply', id: reply._id }, { title: reply.title });
}

/** Fills the known placeholders; an unknown `{{name}}` stays, so the agent sees what to complete. */
export function renderCannedReply(text: string, vars: ReplyVariables): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name as keyof ReplyVariables] : whole));
}

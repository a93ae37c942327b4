import { AppError } from '../../errors';
import type { Locale } from '../../core/message';
import { normalizeForMatching } from '../../core/text/normalize';
import { recordAudit, type Actor } from '../audit/audit.service';
import { CannedReply, type CannedReplyDoc } from './canned-reply.model';
import { Conversation } from '../conversation/conversation.model';
import { Customer } from '../customer/customer.model';

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
  return { id: String(r._id), title: r.title, text: r.text, tags: [...(r.tags ?? [])], locale: (r.locale ?? 'zh-CN') as Locale };
}

/** How the company and the salutation are worded (the engine knows: 张先生 / Mr Zhang, company name per locale). */
export interface Wording {
  salutation(customer: { name?: string; gender?: string }, locale: Locale): string;
  company(locale: Locale): string;
}

/** The values for one conversation and the agent writing in it (404 when the conversation does not exist). */
export async function variablesFor(conversationId: string, agent: { name: string; agentNumber: string }, wording: Wording, defaultLocale: Locale): Promise<ReplyVariables> {
  const conversation = await Conversation.findById(conversationId, { customer: 1, locale: 1 }).lean();
  if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
  const customer = await Customer.findById(conversation.customer, { name: 1, gender: 1 }).lean();
  const lang = (conversation.locale ?? defaultLocale) as Locale;
  return {
    salutation: wording.salutation({ name: customer?.name ?? undefined, gender: customer?.gender ?? undefined }, lang),
    customerName: customer?.name ?? '',
    agentNumber: agent.agentNumber,
    agentName: agent.name,
    company: wording.company(lang),
  };
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

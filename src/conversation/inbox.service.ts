import { Types, type FilterQuery } from 'mongoose';
import { AppError } from '../errors';
import type { ChannelId } from '../core/message';
import { Conversation, type ConversationFields } from '../domain/conversation/conversation.model';
import { Message } from '../domain/message/message.model';
import { Customer } from '../domain/customer/customer.model';
import type { UserDoc } from '../domain/user/user.model';
import type { ChatMessage, ConversationDetail, HistoryPage, ListItem } from '../http/contract';
import { reportTimeZone } from '../domain/shared/local-day';
import { addDays } from '../core/calendar/calendar-date';
import { instantAt } from '../core/calendar/zoned-time';
import { toSimplified, toTraditional } from '../core/text/chinese-script';
import { QUEUE_ORDER } from './queue';
import { toDetail, toListItems } from './conversation-view';
import { toChatMessage } from './message-view';
import { assertMayReadConversation, type Reader } from './chat-access';

const LIST_LIMIT = 200;
/** A transcript is shown whole up to this many messages (the latest ones beyond it). */
const TRANSCRIPT_LIMIT = 1000;
/** At most this many conversations match a search by message text (the newest messages first). */
const TEXT_MATCHES = 2000;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The instant a local day (YYYY-MM-DD, the company's time zone) begins, `plusDays` later. */
function dayStart(isoDay: string, plusDays = 0): Date {
  const [year, month, day] = isoDay.split('-').map(Number);
  return instantAt({ ...addDays({ year, month, day }, plusDays), hour: 0, minute: 0 }, reportTimeZone());
}

/** The console's live lists: waiting (serious complaints first, then the longest wait), mine, all. */
export async function inboxList(view: 'waiting' | 'mine' | 'all', me: UserDoc): Promise<ListItem[]> {
  const query =
    view === 'waiting'
      ? Conversation.find({ status: 'waiting' }).sort(QUEUE_ORDER)
      : view === 'mine'
        ? Conversation.find({ status: 'assigned', assignee: me._id }).sort({ lastMessageAt: -1 })
        : Conversation.find({}).sort({ lastMessageAt: -1, _id: -1 });
  return toListItems(await query.limit(LIST_LIMIT).lean());
}

/** One conversation with its whole transcript (internal notes included), for a console user who may read it (403 otherwise). */
export async function conversationWithTranscript(id: string, reader: Reader): Promise<{ conversation: ConversationDetail; messages: ChatMessage[] }> {
  await assertMayReadConversation(reader, id);
  const conversation = await Conversation.findById(id).lean();
  if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
  const latest = await Message.find({ conversation: conversation._id }).sort({ createdAt: -1, _id: -1 }).limit(TRANSCRIPT_LIMIT).lean();
  return { conversation: await toDetail(conversation), messages: latest.reverse().map((m) => toChatMessage(m, 'console')) };
}

export interface HistoryFilter {
  q?: string;
  channel?: ChannelId;
  status?: ConversationFields['status'];
  agentId?: string;
  /** Local days (TIME_ZONE), inclusive. */
  from?: string;
  to?: string;
  tag?: string;
  page: number;
  limit: number;
}

/**
 * Conversations that match: `q` is a customer's name, a phone number (whole, or its last four
 * digits) or words of a message (customer's or agent's, not internal notes), in either script; days are the conversation's start in the
 * company's time zone; `tag` is one of the customer's tags. Latest activity first, a page at a time.
 */
export async function searchHistory(f: HistoryFilter): Promise<HistoryPage> {
  const and: FilterQuery<ConversationFields>[] = [];
  if (f.channel) and.push({ channel: f.channel });
  if (f.status) and.push({ status: f.status });
  if (f.agentId) and.push({ assignee: new Types.ObjectId(f.agentId) });
  if (f.from || f.to) and.push({ createdAt: { ...(f.from ? { $gte: dayStart(f.from) } : {}), ...(f.to ? { $lt: dayStart(f.to, 1) } : {}) } });
  if (f.tag) and.push({ customer: { $in: await Customer.distinct('_id', { tags: f.tag }) } });
  const q = f.q?.trim();
  if (q) {
    // A chat is found in either script: 神經病史 finds 神经病史 and the other way round.
    const variants = [...new Set([q, toSimplified(q), toTraditional(q)])];
    const words = new RegExp(variants.map(escapeRegex).join('|'), 'i');
    // Names and phones are encrypted at rest: a name is searched through its blind index (one literal
    // per script), a phone by the whole number or its last four digits (尾号).
    const digits = q.replace(/[\s()+-]/g, '');
    const byCustomer = [...variants.map((v) => ({ name: new RegExp(escapeRegex(v)) })), ...(/^\d{4,}$/.test(digits) ? [{ phone: { $regex: escapeRegex(digits) } }] : [])];
    const [customers, texts] = await Promise.all([
      Customer.find({ $or: byCustomer }, { _id: 1 }).lean(),
      Message.find({ text: words, internal: { $ne: true } }, { conversation: 1 }).sort({ createdAt: -1 }).limit(TEXT_MATCHES).lean(),
    ]);
    and.push({ $or: [{ customer: { $in: customers.map((c) => c._id) } }, { _id: { $in: [...new Set(texts.map((m) => String(m.conversation)))].map((id) => new Types.ObjectId(id)) } }] });
  }
  const filter: FilterQuery<ConversationFields> = and.length ? { $and: and } : {};
  const [total, page] = await Promise.all([
    Conversation.countDocuments(filter),
    Conversation.find(filter)
      .sort({ lastMessageAt: -1, _id: -1 })
      .skip((f.page - 1) * f.limit)
      .limit(f.limit)
      .lean(),
  ]);
  return { items: await toListItems(page), total, page: f.page, pages: Math.max(1, Math.ceil(total / f.limit)) };
}

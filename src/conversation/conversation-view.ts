import type { Types } from 'mongoose';
import { Customer } from '../domain/customer/customer.model';
import { User } from '../domain/user/user.model';
import type { ConversationFields } from '../domain/conversation/conversation.model';
import type { ConversationDetail, ConversationState, ListItem } from '../http/contract';
import { waitingAhead } from './queue';

type Shown = 'channel' | 'customer' | 'status' | 'priority' | 'handoffReason' | 'assignee' | 'lastMessagePreview' | 'lastMessageAt' | 'waitingSince' | 'locale' | 'assignedAt' | 'firstHumanResponseAt' | 'closedAt' | 'rating';
/** A conversation, stored or lean: the fields the views read. */
export type StoredConversation = Pick<ConversationFields, Shown> & { _id: Types.ObjectId; createdAt?: Date };

export type { ListItem, ConversationDetail };
/** What the customer's side knows of the conversation (widget socket, client GET). */
export type CustomerState = ConversationState;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
const seconds = (from: Date | null | undefined, to: Date | null | undefined) => (from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : undefined);

/** Inbox rows for conversations, with their customers and assignees read in two queries. */
export async function toListItems(conversations: StoredConversation[], now = new Date()): Promise<ListItem[]> {
  const customerIds = [...new Set(conversations.map((c) => String(c.customer)))];
  const userIds = [...new Set(conversations.flatMap((c) => (c.assignee ? [String(c.assignee)] : [])))];
  const [customers, users] = await Promise.all([
    customerIds.length ? Customer.find({ _id: { $in: customerIds } }, { name: 1, phone: 1, tags: 1 }).lean() : [],
    userIds.length ? User.find({ _id: { $in: userIds } }, { name: 1, agentNumber: 1 }).lean() : [],
  ]);
  const customerById = new Map(customers.map((c) => [String(c._id), c]));
  const userById = new Map(users.map((u) => [String(u._id), u]));
  return conversations.map((c) => {
    const customer = customerById.get(String(c.customer));
    const assignee = c.assignee ? userById.get(String(c.assignee)) : undefined;
    const item: ListItem = {
      id: String(c._id),
      channel: c.channel,
      status: c.status,
      priority: c.priority ?? 0,
      customer: {
        id: String(c.customer),
        ...(customer?.name ? { name: customer.name } : {}),
        ...(customer?.phone ? { phone: customer.phone } : {}),
        ...(customer?.tags?.length ? { tags: [...customer.tags] } : {}),
      },
    };
    if (c.handoffReason) item.handoffReason = c.handoffReason;
    if (c.lastMessagePreview) item.lastMessagePreview = c.lastMessagePreview;
    if (c.lastMessageAt) item.lastMessageAt = c.lastMessageAt.toISOString();
    if (c.createdAt) item.createdAt = c.createdAt.toISOString();
    if (c.closedAt) item.closedAt = c.closedAt.toISOString();
    if (c.status === 'waiting' && c.waitingSince) {
      item.waitingSince = c.waitingSince.toISOString();
      item.waitSeconds = seconds(c.waitingSince, now);
    }
    if (assignee && c.status !== 'bot') item.assignee = { id: String(assignee._id), name: assignee.name, agentNumber: assignee.agentNumber };
    return item;
  });
}

/** The stored rating, with an overall score for ratings given before there was one (their mean). */
function ratingOf(r: StoredConversation['rating']): ConversationDetail['rating'] {
  if (!r?.at) return undefined;
  const dims = [r.attitude, r.speed, r.resolution].filter((n): n is number => typeof n === 'number');
  const overall = r.overall ?? (dims.length ? Math.round(dims.reduce((a, b) => a + b, 0) / dims.length) : undefined);
  if (!overall) return undefined;
  return {
    overall,
    ...(r.attitude ? { attitude: r.attitude } : {}),
    ...(r.speed ? { speed: r.speed } : {}),
    ...(r.resolution ? { resolution: r.resolution } : {}),
    ...(r.comment ? { comment: r.comment } : {}),
    at: r.at.toISOString(),
  };
}

/** The console's view of one conversation: the inbox row plus SLA times and the rating. */
export async function toDetail(c: StoredConversation, now = new Date()): Promise<ConversationDetail> {
  const [item] = await toListItems([c], now);
  const rating = ratingOf(c.rating);
  return {
    ...item,
    ...(c.locale ? { locale: c.locale } : {}),
    assignedAt: iso(c.assignedAt),
    firstHumanResponseAt: iso(c.firstHumanResponseAt),
    sla: {
      // From the hand-off to the first word of a human, and from the first assignment to the close.
      firstResponseSeconds: seconds(c.waitingSince, c.firstHumanResponseAt),
      handlingSeconds: seconds(c.assignedAt, c.closedAt),
    },
    ...(rating ? { rating } : {}),
  };
}

/** Status, queue position while waiting, and the agent (name and number) while one serves. */
export async function customerState(c: StoredConversation): Promise<CustomerState> {
  const state: CustomerState = { status: c.status };
  if (c.status === 'waiting') state.queuePosition = await waitingAhead(c);
  if (c.status === 'assigned' && c.assignee) {
    const agent = await User.findById(c.assignee, { name: 1, agentNumber: 1 }).lean();
    if (agent) state.agent = { name: agent.name, number: agent.agentNumber };
  }
  return state;
}

import type { FilterQuery, UpdateQuery } from 'mongoose';
import type { Attachment, Locale } from '../core/message';
import { AppError } from '../errors';
import { Conversation, type ConversationDoc, type ConversationFields } from '../domain/conversation/conversation.model';
import type { MessageDoc } from '../domain/message/message.model';
import { User, type UserDoc } from '../domain/user/user.model';
import { recordAudit, SYSTEM, type Actor } from '../domain/audit/audit.service';
import { findForbiddenPhrases } from '../domain/forbidden-phrase/forbidden-phrase.service';
import { recordViolations } from '../domain/forbidden-phrase/violation.service';
import type { Engine } from './engine';
import type { EventBus, ServiceEvents } from './events';
import { storeChatMessage, type ChatMessageDeps, type ChatMessageInput } from './chat-messages';
import { mayReadConversation } from './chat-access';

export interface AgentChatDeps extends ChatMessageDeps {
  events: EventBus;
  engine: Pick<Engine, 'translator'>;
  now?: () => Date;
}

/** The customer's rating: one overall score (1–5) required; 服务态度, 响应速度, 问题解决 optional. */
export interface RatingInput {
  overall: number;
  attitude?: number;
  speed?: number;
  resolution?: number;
  comment?: string;
}

type Change = ServiceEvents['conversation.updated']['change'];

const actorOf = (user: UserDoc): Actor => ({ type: 'user', id: user._id, name: user.name });
const badge = (user: UserDoc) => ({ id: user._id, name: user.name, number: user.agentNumber });
/** Managers and admins may act on any chat; an agent only on the chats assigned to them. */
const mayAct = (user: UserDoc, c: ConversationDoc) => user.role !== 'agent' || (!!c.assignee && String(c.assignee) === String(user._id));
/** The same rule as a filter, so the write itself refuses a chat that moved to someone else. */
const actingOn = (user: UserDoc): FilterQuery<ConversationFields> => (user.role === 'agent' ? { assignee: user._id } : {});

/**
 * What agents do with a live chat: claim, reply, note, transfer, return to the bot, close; and the
 * customer's rating. Each change is one atomic conditional update (two agents claiming one chat:
 * one wins), checked first against the chat as read so the error names the reason; it leaves an
 * audit record and announces itself (`conversation.updated`, `message.created`). A bot turn that
 * ran meanwhile sees the revision move and runs again on the new state.
 */
export class AgentChatService {
  private readonly now: () => Date;

  constructor(private readonly deps: AgentChatDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** An agent takes a waiting chat (409 CHAT_NOT_CLAIMABLE otherwise). */
  async claim(id: string, user: UserDoc): Promise<ConversationDoc> {
    const claimed = await this.assignTo(id, user, actorOf(user), 'conversation.claim');
    if (!claimed) throw new AppError('CHAT_NOT_CLAIMABLE');
    return claimed;
  }

  /** Automatic assignment: gives a still-waiting chat to the agent; undefined if it is no longer waiting. */
  assign(id: string, user: UserDoc): Promise<ConversationDoc | undefined> {
    return this.assignTo(id, user, SYSTEM, 'conversation.assign');
  }

  /** Sends an agent's reply (with pictures or files, if any) to the customer; a forbidden phrase is refused (422) and recorded. */
  async reply(id: string, user: UserDoc, text: string, attachments?: Attachment[]): Promise<MessageDoc> {
    const c = await this.find(id);
    if (c.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    if (c.status !== 'assigned') throw new AppError('CHAT_NOT_ASSIGNED');
    if (!mayAct(user, c)) throw new AppError('FORBIDDEN', 'Only the assigned agent or a manager may reply');
    const matches = await findForbiddenPhrases(text);
    if (matches.length) {
      await recordViolations(badge(user), c._id, text, matches);
      throw new AppError('FORBIDDEN_PHRASE', undefined, { details: { matches } });
    }
    const message = await storeChatMessage(this.deps, c, { author: 'agent', text, agent: badge(user), attachments }, this.now());
    // The SLA's first response: the first word of a human after the hand-off, set once.
    await Conversation.updateOne({ _id: c._id, firstHumanResponseAt: null }, { $set: { firstHumanResponseAt: message.createdAt } });
    return message;
  }

  /** A private note on the chat, for agents only: by anyone who may read the chat. */
  async note(id: string, user: UserDoc, text: string): Promise<MessageDoc> {
    const c = await this.find(id);
    if (!(await mayReadConversation(user, c))) throw new AppError('FORBIDDEN', 'Only the agent serving this conversation, or a manager, may leave a note on it');
    const message = await storeChatMessage(this.deps, c, { author: 'agent', text, agent: badge(user), internal: true }, this.now());
    await recordAudit(actorOf(user), 'conversation.note', { type: 'Conversation', id: c._id }, { messageId: message._id });
    return message;
  }

  /** Hands the chat to another agent who is not offline. */
  async transfer(id: string, user: UserDoc, targetId: string): Promise<ConversationDoc> {
    const c = await this.find(id);
    if (c.status !== 'assigned' && c.status !== 'waiting') throw new AppError('CHAT_NOT_ASSIGNED', 'Only a waiting or assigned chat can be transferred');
    if (!mayAct(user, c)) throw new AppError('FORBIDDEN', 'Only the assigned agent or a manager may transfer the chat');
    const target = await User.findById(targetId);
    if (!target?.active || target.presence === 'offline') throw new AppError('AGENT_UNAVAILABLE');
    if (c.status === 'assigned' && String(c.assignee) === String(target._id)) return c;
    const saved = await this.change(c, { status: { $in: ['assigned', 'waiting'] }, ...actingOn(user) }, { $set: { status: 'assigned', assignee: target._id, assignedAt: c.assignedAt ?? this.now() } });
    await this.say(saved, { author: 'system', text: this.t(saved, 'live-chat:agent_joined', { agentName: target.name, agentNumber: target.agentNumber }) });
    return this.done(saved, actorOf(user), 'conversation.transfer', 'transferred', { from: c.assignee, to: target._id });
  }

  /** Gives the chat back to the bot: the customer is served by flows again. */
  async returnToBot(id: string, user: UserDoc): Promise<ConversationDoc> {
    const c = await this.find(id);
    if (c.status !== 'assigned' && c.status !== 'waiting') throw new AppError('CHAT_NOT_ASSIGNED', 'Only a waiting or assigned chat can return to the bot');
    if (!mayAct(user, c)) throw new AppError('FORBIDDEN', 'Only the assigned agent or a manager may return the chat to the bot');
    const saved = await this.change(c, { status: { $in: ['assigned', 'waiting'] }, ...actingOn(user) }, {
      $set: { status: 'bot', flow: null, suspended: [], notUnderstood: 0, priority: 0 },
      $unset: { assignee: 1, offered: 1, handoffReason: 1 },
    });
    await this.say(saved, { author: 'bot', text: this.t(saved, 'live-chat:returned_to_bot') });
    return this.done(saved, actorOf(user), 'conversation.return', 'returned', { from: c.assignee });
  }

  /**
   * Ends the chat and asks the customer to rate it. The open key is released, so the customer's
   * next message on their channel opens a new conversation.
   */
  async close(id: string, user: UserDoc): Promise<ConversationDoc> {
    const c = await this.find(id);
    if (c.status === 'closed') throw new AppError('CONVERSATION_CLOSED', 'The conversation is already closed');
    // An agent closes their own chats; a chat nobody serves yet is closed by a manager.
    if (c.status !== 'assigned' ? user.role === 'agent' : !mayAct(user, c)) throw new AppError('FORBIDDEN', 'Only the assigned agent or a manager may close the chat');
    const saved = await this.change(c, { status: user.role === 'agent' ? 'assigned' : { $ne: 'closed' }, ...actingOn(user) }, {
      $set: { status: 'closed', closedAt: this.now(), closedBy: user._id, openKey: `closed:${String(c._id)}`, flow: null, suspended: [] },
      $unset: { offered: 1 },
    });
    await this.say(saved, { author: 'system', text: this.t(saved, 'live-chat:rate_request') });
    return this.done(saved, actorOf(user), 'conversation.close', 'closed', { from: c.status });
  }

  /** The customer's rating: once, and only after an agent closed the chat (409 otherwise). */
  async rate(id: string, rating: RatingInput): Promise<ConversationDoc> {
    const c = await this.find(id);
    if (c.status !== 'closed' || !c.closedBy) throw new AppError('NOT_RATEABLE');
    if (c.rating?.at) throw new AppError('ALREADY_RATED');
    const saved = await Conversation.findOneAndUpdate(
      { _id: c._id, status: 'closed', 'rating.at': null },
      { $set: { rating: { ...rating, at: this.now() } }, $inc: { rev: 1 } },
      { new: true, runValidators: true },
    );
    if (!saved) throw new AppError('ALREADY_RATED');
    return this.done(saved, { type: 'customer', id: c.customer }, 'conversation.rate', 'rated', rating);
  }

  private async assignTo(id: string, user: UserDoc, actor: Actor, action: string): Promise<ConversationDoc | undefined> {
    const saved = await Conversation.findOneAndUpdate(
      { _id: id, status: 'waiting' },
      { $set: { status: 'assigned', assignee: user._id, assignedAt: this.now() }, $inc: { rev: 1 } },
      { new: true, runValidators: true },
    );
    if (!saved) {
      if (!(await Conversation.exists({ _id: id }))) throw new AppError('CONVERSATION_NOT_FOUND');
      return undefined;
    }
    await this.say(saved, { author: 'system', text: this.t(saved, 'live-chat:agent_joined', { agentName: user.name, agentNumber: user.agentNumber }) });
    return this.done(saved, actor, action, 'assigned', { assignee: user._id });
  }

  private async find(id: string): Promise<ConversationDoc> {
    const c = await Conversation.findById(id);
    if (!c) throw new AppError('CONVERSATION_NOT_FOUND');
    return c;
  }

  /** The update, applied only if the chat still satisfies `guard` (else 409: it changed meanwhile). */
  private async change(c: ConversationDoc, guard: FilterQuery<ConversationFields>, update: UpdateQuery<ConversationFields>): Promise<ConversationDoc> {
    const saved = await Conversation.findOneAndUpdate({ _id: c._id, ...guard }, { ...update, $inc: { rev: 1 } }, { new: true, runValidators: true });
    if (!saved) throw new AppError('CONFLICT', 'The conversation changed meanwhile; reload it');
    return saved;
  }

  private say(c: ConversationDoc, input: ChatMessageInput): Promise<MessageDoc> {
    return storeChatMessage(this.deps, c, input, this.now());
  }

  private t(c: ConversationDoc, key: string, values?: Record<string, unknown>): string {
    return this.deps.engine.translator(c.locale as Locale | undefined)(key, values);
  }

  private async done(saved: ConversationDoc, actor: Actor, action: string, change: Change, changes: unknown): Promise<ConversationDoc> {
    await recordAudit(actor, action, { type: 'Conversation', id: saved._id }, changes);
    // The stored message moved lastMessageAt: listeners get the conversation as it now is.
    const fresh = (await Conversation.findById(saved._id)) ?? saved;
    this.deps.events.emit('conversation.updated', { conversation: fresh, change });
    return fresh;
  }
}

import type { UpdateQuery } from 'mongoose';
import type { ChannelId, Locale } from '../core/message';
import { AppError } from '../errors';
import { Conversation, type ConversationDoc, type ConversationFields } from '../domain/conversation/conversation.model';
import type { MessageDoc } from '../domain/message/message.model';
import { User, type UserDoc } from '../domain/user/user.model';
import { recordAudit, SYSTEM, type Actor } from '../domain/audit/audit.service';
import { findForbiddenPhrases } from '../domain/forbidden-phrase/forbidden-phrase.service';
import { recordViolations } from '../domain/forbidden-phrase/violation.service';
import type { ConversationService } from './conversation.service';
import type { Engine } from './engine';
import type { EventBus, ServiceEvents } from './events';
import { storeChatMessage, type ChatMessageInput } from './chat-messages';

export interface AgentChatDeps {
  conversations: Pick<ConversationService, 'withConversation'>;
  events: EventBus;
  engine: Pick<Engine, 'translator'>;
  deliversTo(channel: ChannelId): boolean;
  now?: () => Date;
}

/** The customer's scores, 1–5 each (服务态度, 响应速度, 问题解决). */
export interface RatingInput {
  attitude: number;
  speed: number;
  resolution: number;
  comment?: string;
}

type Change = ServiceEvents['conversation.updated']['change'];

const actorOf = (user: UserDoc): Actor => ({ type: 'user', id: user._id, name: user.name });
/** Managers and admins may act on any chat; an agent only on the chats assigned to them. */
const mayAct = (user: UserDoc, c: ConversationDoc) => user.role !== 'agent' || (!!c.assignee && String(c.assignee) === String(user._id));
const badge = (user: UserDoc) => ({ id: user._id, name: user.name, number: user.agentNumber });

/**
 * What agents do with a live chat: claim, reply, note, transfer, return to the bot, close; and the
 * customer's rating. Each runs under the conversation's lock (in turn with the bot's turns),
 * leaves an audit record and announces itself (`conversation.updated`, `message.created`).
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

  /** Sends an agent's reply to the customer; a forbidden phrase is refused (422) and recorded. */
  reply(id: string, user: UserDoc, text: string): Promise<MessageDoc> {
    return this.locked(id, async (c) => {
      if (c.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      if (c.status !== 'assigned') throw new AppError('CHAT_NOT_ASSIGNED');
      if (!mayAct(user, c)) throw new AppError('FORBIDDEN', 'Only the assigned agent or a manager may reply');
      const matches = await findForbiddenPhrases(text);
      if (matches.length) {
        await recordViolations(badge(user), c._id, text, matches);
        throw new AppError('FORBIDDEN_PHRASE', undefined, { details: { matches } });
      }
      const message = await storeChatMessage(this.deps, c, { author: 'agent', text, agent: badge(user) }, this.now());
      // The SLA's first response: the first word of a human after the hand-off.
      if (!c.firstHumanResponseAt) await Conversation.updateOne({ _id: c._id }, { $set: { firstHumanResponseAt: message.createdAt } });
      return message;
    });
  }

  /** A private note on the chat, for agents only (any console user may leave one). */
  note(id: string, user: UserDoc, text: string): Promise<MessageDoc> {
    return this.locked(id, async (c) => {
      const message = await storeChatMessage(this.deps, c, { author: 'agent', text, agent: badge(user), internal: true }, this.now());
      await recordAudit(actorOf(user), 'conversation.note', { type: 'Conversation', id: c._id }, { messageId: message._id });
      return message;
    });
  }

  /** Hands the chat to another agent who is not offline. */
  transfer(id: string, user: UserDoc, targetId: string): Promise<ConversationDoc> {
    return this.locked(id, async (c) => {
      if (c.status !== 'assigned' && c.status !== 'waiting') throw new AppError('CHAT_NOT_ASSIGNED', 'Only a waiting or assigned chat can be transferred');
      if (!mayAct(user, c)) throw new AppError('FORBIDDEN', 'Only the assigned agent or a manager may transfer the chat');
      const target = await User.findById(targetId);
      if (!target?.active || target.presence === 'offline') throw new AppError('AGENT_UNAVAILABLE');
      if (c.status === 'assigned' && String(c.assignee) === String(target._id)) return c;
      const saved = await this.save(c, { $set: { status: 'assigned', assignee: target._id, assignedAt: c.assignedAt ?? this.now() } });
      await this.say(saved, { author: 'system', text: this.t(saved, 'live-chat:agent_joined', { agentName: target.name, agentNumber: target.agentNumber }) });
      return this.done(saved, actorOf(user), 'conversation.transfer', 'transferred', { from: c.assignee, to: target._id });
    });
  }

  /** Gives the chat back to the bot: the customer is served by flows again. */
  returnToBot(id: string, user: UserDoc): Promise<ConversationDoc> {
    return this.locked(id, async (c) => {
      if (c.status !== 'assigned' && c.status !== 'waiting') throw new AppError('CHAT_NOT_ASSIGNED', 'Only a waiting or assigned chat can return to the bot');
      if (!mayAct(user, c)) throw new AppError('FORBIDDEN', 'Only the assigned agent or a manager may return the chat to the bot');
      const saved = await this.save(c, {
        $set: { status: 'bot', flow: null, suspended: [], notUnderstood: 0, priority: 0 },
        $unset: { assignee: 1, offered: 1, handoffReason: 1 },
      });
      await this.say(saved, { author: 'bot', text: this.t(saved, 'live-chat:returned_to_bot') });
      return this.done(saved, actorOf(user), 'conversation.return', 'returned', { from: c.assignee });
    });
  }

  /**
   * Ends the chat and asks the customer to rate it. The open key is released, so the customer's
   * next message on their channel opens a new conversation.
   */
  close(id: string, user: UserDoc): Promise<ConversationDoc> {
    return this.locked(id, async (c) => {
      if (c.status === 'closed') throw new AppError('CONVERSATION_CLOSED', 'The conversation is already closed');
      // An agent closes their own chats; a chat nobody serves yet is closed by a manager.
      if (c.status !== 'assigned' ? user.role === 'agent' : !mayAct(user, c)) throw new AppError('FORBIDDEN', 'Only the assigned agent or a manager may close the chat');
      const now = this.now();
      const saved = await this.save(c, {
        $set: { status: 'closed', closedAt: now, closedBy: user._id, openKey: `closed:${String(c._id)}`, flow: null, suspended: [] },
        $unset: { offered: 1 },
      });
      await this.say(saved, { author: 'system', text: this.t(saved, 'live-chat:rate_request') });
      return this.done(saved, actorOf(user), 'conversation.close', 'closed', { from: c.status });
    });
  }

  /** The customer's rating: once, and only after an agent closed the chat (409 otherwise). */
  rate(id: string, rating: RatingInput): Promise<ConversationDoc> {
    return this.locked(id, async (c) => {
      if (c.status !== 'closed' || !c.closedBy) throw new AppError('NOT_RATEABLE');
      if (c.rating?.at) throw new AppError('ALREADY_RATED');
      const saved = await this.save(c, { $set: { rating: { ...rating, at: this.now() } } });
      return this.done(saved, { type: 'customer', id: c.customer }, 'conversation.rate', 'rated', rating);
    });
  }

  private assignTo(id: string, user: UserDoc, actor: Actor, action: string): Promise<ConversationDoc | undefined> {
    return this.locked(id, async (c) => {
      if (c.status !== 'waiting') return undefined;
      const saved = await this.save(c, { $set: { status: 'assigned', assignee: user._id, assignedAt: this.now() } });
      await this.say(saved, { author: 'system', text: this.t(saved, 'live-chat:agent_joined', { agentName: user.name, agentNumber: user.agentNumber }) });
      return this.done(saved, actor, action, 'assigned', { assignee: user._id });
    });
  }

  private locked<T>(id: string, fn: (c: ConversationDoc) => Promise<T>): Promise<T> {
    return this.deps.conversations.withConversation(id, async () => {
      const c = await Conversation.findById(id);
      if (!c) throw new AppError('CONVERSATION_NOT_FOUND');
      return fn(c);
    });
  }

  private async save(c: ConversationDoc, update: UpdateQuery<ConversationFields>): Promise<ConversationDoc> {
    const saved = await Conversation.findOneAndUpdate({ _id: c._id }, { ...update, $inc: { rev: 1 } }, { new: true, runValidators: true });
    if (!saved) throw new AppError('CONVERSATION_NOT_FOUND');
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

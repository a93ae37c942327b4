import type { Logger } from 'pino';
import type { Types } from 'mongoose';
import type { Locale } from '../core/message';
import { Conversation, type ConversationDoc } from '../domain/conversation/conversation.model';
import { User, type UserDoc } from '../domain/user/user.model';
import { activeChats, agentsOnline, SERVING_ROLES } from '../domain/user/presence.service';
import type { AgentChatService } from './agent-chat.service';
import type { Engine } from './engine';
import { storeChatMessage, type ChatMessageDeps } from './chat-messages';
import { waitingAhead, waitingQueue } from './queue';
import { INSTANCE_ID, releaseLease, takeLease } from '../db/lease';

/** The lease under which one assignment pass runs, across every instance on the database. */
const ASSIGNMENT_LEASE = 'assignment';
const ASSIGNMENT_LEASE_MS = 10_000;
let services = 0;

export interface AssignmentDeps extends ChatMessageDeps {
  agentChat: Pick<AgentChatService, 'assign'>;
  engine: Pick<Engine, 'translator'>;
  /** ASSIGNMENT_MODE: auto gives chats to agents, manual leaves them in the queue to be claimed. */
  mode: 'auto' | 'manual';
  /** AGENT_MAX_CHATS: the limit for a user without a maxChats of their own. */
  defaultMaxChats: number;
  log: Logger;
}

/**
 * Routes handed-off chats. In auto mode the least busy online agent under their maxChats gets
 * the chat, and the queue is worked through again whenever an agent comes online or a chat ends.
 * A chat left waiting tells the customer how many are ahead of them.
 */
export class AssignmentService {
  /**
   * Assignments run one at a time, so two never count the same free seat: in this process one
   * after the other, across instances under the assignment lease.
   */
  private chain: Promise<void> = Promise.resolve();
  private readonly leaseOwner = `${INSTANCE_ID}-assignment-${++services}`;

  constructor(private readonly deps: AssignmentDeps) {}

  /** Subscribes to hand-offs, ended chats and agents coming online. */
  register(): void {
    const { events } = this.deps;
    events.on('conversation.updated', ({ conversation, change }) => {
      if (change === 'handoff') return this.handOff(conversation._id);
      if (change === 'closed' || change === 'returned' || change === 'transferred') return this.drain();
    });
    events.on('agent.presence', ({ user }) => (user.presence === 'online' ? this.drain() : undefined));
  }

  /** Auto mode: assigns waiting chats in serving order while an online agent has room. */
  drain(): Promise<void> {
    if (this.deps.mode !== 'auto') return Promise.resolve();
    return this.serialize(() => this.assignWaiting());
  }

  /** The online agent (or manager) with the fewest chats under their limit; ties by agent number. */
  async leastBusyAgent(): Promise<UserDoc | undefined> {
    const online = await User.find({ active: true, presence: 'online', role: { $in: SERVING_ROLES } });
    const load = await activeChats(online.map((u) => u._id));
    const free = online
      .map((user) => ({ user, n: load.get(String(user._id)) ?? 0 }))
      .filter(({ user, n }) => n < (user.maxChats ?? this.deps.defaultMaxChats))
      .sort((a, b) => a.n - b.n || a.user.agentNumber.localeCompare(b.user.agentNumber));
    return free[0]?.user;
  }

  /** A new hand-off: served in queue order (a serious complaint may go first), else told its place. */
  private handOff(id: Types.ObjectId): Promise<void> {
    return this.serialize(async () => {
      if (this.deps.mode === 'auto') await this.assignWaiting();
      await this.tellQueuePosition(String(id));
    });
  }

  private async assignWaiting(): Promise<void> {
    const deadline = Date.now() + ASSIGNMENT_LEASE_MS + 2_000;
    // Another instance's pass reads the queue after taking the lease, so waiting for it never skips a chat.
    while (!(await takeLease(ASSIGNMENT_LEASE, this.leaseOwner, ASSIGNMENT_LEASE_MS))) {
      if (Date.now() > deadline) throw new Error('the assignment lease stayed taken');
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 50));
    }
    try {
      await this.assignUnderLease();
    } finally {
      await releaseLease(ASSIGNMENT_LEASE, this.leaseOwner);
    }
  }

  private async assignUnderLease(): Promise<void> {
    for (const waiting of await waitingQueue()) {
      const agent = await this.leastBusyAgent();
      if (!agent) return;
      await this.deps.agentChat.assign(String(waiting._id), agent);
    }
  }

  private async tellQueuePosition(id: string): Promise<void> {
    const c: ConversationDoc | null = await Conversation.findById(id);
    // With nobody online (a serious complaint after hours waits anyway) "you are next" would mislead.
    if (c?.status !== 'waiting' || !(await agentsOnline())) return;
    const ahead = await waitingAhead(c);
    const t = this.deps.engine.translator(c.locale as Locale | undefined);
    const text = ahead === 0 ? t('live-chat:queue_next') : t('live-chat:queue_position', { count: ahead });
    await storeChatMessage(this.deps, c, { author: 'system', text });
  }

  /** Runs after the assignments before it; a failure is logged here, once, and does not stop the next. */
  private serialize(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn).catch((err) => this.deps.log.error({ err }, 'assignment failed'));
    this.chain = next;
    return next;
  }
}

/**
 * The console half of docs/live-chat-api.md as the browser sees it. Fields the contract leaves
 * open (ledger items, customer records) are optional and rendered defensively.
 */
import type { ChatMessage, ConversationStatus } from '../shared/contract';

export type Role = 'agent' | 'manager' | 'admin';
export type Presence = 'online' | 'away' | 'offline';
export type InboxView = 'waiting' | 'mine' | 'all';

/** The signed-in console user. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  agentNumber: string;
  presence: Presence;
}

/** An agent in the transfer list. */
export interface AgentSummary {
  id: string;
  name: string;
  agentNumber: string;
  presence: Presence;
  activeChats: number;
  maxChats: number;
}

/** A row of the inbox (also what the `/console` socket sends as `conversation`). */
export interface ListItem {
  id: string;
  channel: string;
  status: ConversationStatus;
  priority: number;
  handoffReason?: string;
  customer: { id: string; name?: string; phone?: string };
  lastMessagePreview?: string;
  lastMessageAt?: string;
  waitingSince?: string;
  waitSeconds?: number;
  assignee?: { id: string; name: string; agentNumber: string };
}

/** A conversation opened in the console. */
export interface ConversationDetail extends ListItem {
  locale?: string;
  createdAt?: string;
  closedAt?: string;
  sla?: { firstResponseSeconds?: number; handlingSeconds?: number };
  rating?: { attitude: number; speed: number; resolution: number; comment?: string };
}

/** A match of the forbidden-phrase check (服务禁语). */
export interface PhraseMatch {
  phrase: string;
  alternative: string;
  category: string;
  fine: number;
}

/** A forbidden phrase as managers edit it. */
export interface ForbiddenPhrase extends PhraseMatch {
  id: string;
}

/** The violations ledger. */
export interface ViolationLedger {
  items: {
    id?: string;
    at?: string;
    createdAt?: string;
    agent?: { id?: string; name?: string; agentNumber?: string } | string;
    phrase?: string;
    category?: string;
    fine?: number;
    text?: string;
    conversationId?: string;
    conversation?: string;
    dismissal?: boolean;
  }[];
  byAgent: { agent: { id?: string; name?: string; agentNumber?: string } | string; count: number; fines: number; reachedThree: boolean; dismissal?: boolean }[];
}

/** A canned reply (标准话术). */
export interface CannedReply {
  id: string;
  title: string;
  text: string;
  tags?: string[];
}

/** Loosely typed records of the customer panel. */
export type RecordLike = Record<string, unknown> & { id?: string; _id?: string; createdAt?: string; status?: string };

/** Everything the customer panel shows. */
export interface CustomerBundle {
  customer: RecordLike & { name?: string; phone?: string; gender?: string; locale?: string; tags?: string[]; notes?: string };
  identities: (RecordLike & { channel?: string; externalId?: string; displayName?: string })[];
  conversations: (RecordLike & { channel?: string; lastMessagePreview?: string; lastMessageAt?: string })[];
  leads: RecordLike[];
  orders: RecordLike[];
  complaints: RecordLike[];
}

export type { ChatMessage };

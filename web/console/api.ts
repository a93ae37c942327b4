import { ApiError, requestJson, type RequestOptions } from '../shared/http';
import type {
  AgentSummary,
  CannedReply,
  ChatMessage,
  ConversationDetail,
  CustomerBundle,
  ForbiddenPhrase,
  InboxView,
  ListItem,
  PhraseMatch,
  Presence,
  RecordLike,
  User,
  ViolationLedger,
} from './types';

const C = '/api/v1/console';

/** Dispatched on window when the session ended (expired, signed out elsewhere): back to sign-in. */
export const SIGNED_OUT_EVENT = 'kefu-console:signed-out';

async function call<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  try {
    return await requestJson<T>(url, { credentials: 'same-origin', ...opts });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && url.startsWith(C)) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw err;
  }
}

/** Some list routes answer a bare array, others `{items}`: accept both. */
function items<T>(res: T[] | { items?: T[] } | undefined): T[] {
  return Array.isArray(res) ? res : (res?.items ?? []);
}

const enc = encodeURIComponent;

/** The console's HTTP API (session cookie `kefu_session`). Every method throws ApiError. */
export const api = {
  login: (email: string, password: string) => call<{ user: User }>('/api/v1/auth/login', { method: 'POST', body: { email, password } }),
  logout: () => call<void>('/api/v1/auth/logout', { method: 'POST' }),
  me: () => call<{ user: User }>('/api/v1/auth/me'),
  setPresence: (presence: Presence) => call<{ user: User }>(`${C}/me/presence`, { method: 'PUT', body: { presence } }),
  agents: async () => items(await call<AgentSummary[] | { items: AgentSummary[] }>(`${C}/agents`)),

  inbox: async (view: InboxView) => items(await call<{ items: ListItem[] }>(`${C}/conversations?view=${view}`)),
  conversation: (id: string) => call<{ conversation: ConversationDetail; messages: ChatMessage[] }>(`${C}/conversations/${enc(id)}`),
  claim: (id: string) => call<unknown>(`${C}/conversations/${enc(id)}/claim`, { method: 'POST' }),
  reply: (id: string, text: string, internal: boolean) =>
    call<{ message: ChatMessage }>(`${C}/conversations/${enc(id)}/messages`, { method: 'POST', body: { text, internal } }),
  transfer: (id: string, agentId: string) => call<unknown>(`${C}/conversations/${enc(id)}/transfer`, { method: 'POST', body: { agentId } }),
  returnToBot: (id: string) => call<unknown>(`${C}/conversations/${enc(id)}/return-to-bot`, { method: 'POST' }),
  close: (id: string) => call<unknown>(`${C}/conversations/${enc(id)}/close`, { method: 'POST' }),

  checkPhrases: (text: string) => call<{ matches: PhraseMatch[] }>(`${C}/phrases/check`, { method: 'POST', body: { text } }),
  forbiddenPhrases: async () => items(await call<ForbiddenPhrase[] | { items: ForbiddenPhrase[] }>(`${C}/forbidden-phrases`)),
  addPhrase: (p: Omit<ForbiddenPhrase, 'id'>) => call<unknown>(`${C}/forbidden-phrases`, { method: 'POST', body: p }),
  updatePhrase: (id: string, p: Omit<ForbiddenPhrase, 'id'>) => call<unknown>(`${C}/forbidden-phrases/${enc(id)}`, { method: 'PUT', body: p }),
  deletePhrase: (id: string) => call<void>(`${C}/forbidden-phrases/${enc(id)}`, { method: 'DELETE' }),
  violations: () => call<ViolationLedger>(`${C}/violations`),

  cannedReplies: async (q: string) => items(await call<CannedReply[] | { items: CannedReply[] }>(`${C}/canned-replies?q=${enc(q)}`)),
  renderCanned: (conversationId: string, replyId: string) =>
    call<{ text: string }>(`${C}/conversations/${enc(conversationId)}/canned-replies/${enc(replyId)}/render`, { method: 'POST' }),

  customer: (id: string) => call<CustomerBundle>(`${C}/customers/${enc(id)}`),
  createRecord: (kind: 'leads' | 'orders' | 'complaints', body: Record<string, unknown>) =>
    call<RecordLike>(`${C}/${kind}`, { method: 'POST', body }),
};

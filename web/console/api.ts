import { ApiError, requestJson, type RequestOptions } from '../shared/http';
import type {
  AgentSummary, AuditEntry, CannedReply, ChatMessage, ComplaintInput, ConsoleUser, ConversationDetail, CustomerBundle, FilledReply, ForbiddenPhrase, HistoryFilter,
  HistoryPage, LeadInput, Ledger, LedgerFilter, ListItem, OrderInput, PhraseInput, PhraseMatch, RecordView, UserCreate, UserUpdate, Violation,
} from '../../src/http/contract';
import type { Presence, ViolationDecision } from '../../src/http/contract/enums';

const C = '/api/v1/console';

/** Called when a console request answers 401: the session ended (expired, disabled, signed out elsewhere). */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function call<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  try {
    return await requestJson<T>(url, { credentials: 'same-origin', ...opts });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && url.startsWith(C)) onSignedOut();
    throw err;
  }
}

const enc = encodeURIComponent;
const post = (body?: unknown): RequestOptions => ({ method: 'POST', ...(body === undefined ? {} : { body }) });

/** A query string of the defined values. */
function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The console's HTTP API (session cookie `kefu_session`), typed by the contract. Every method throws ApiError. */
export const api = {
  login: (email: string, password: string) => call<{ user: ConsoleUser }>('/api/v1/auth/login', post({ email, password })),
  logout: () => call<void>('/api/v1/auth/logout', post()),
  me: () => call<{ user: ConsoleUser }>('/api/v1/auth/me'),
  changePassword: (currentPassword: string, newPassword: string) => call<void>('/api/v1/auth/me/password', { method: 'PUT', body: { currentPassword, newPassword } }),
  setPresence: (presence: Presence) => call<{ user: ConsoleUser }>(`${C}/me/presence`, { method: 'PUT', body: { presence } }),
  agents: () => call<AgentSummary[]>(`${C}/agents`),

  inbox: async (view: 'waiting' | 'mine' | 'all') => (await call<{ items: ListItem[] }>(`${C}/conversations?view=${view}`)).items,
  history: (f: HistoryFilter) => call<HistoryPage>(`${C}/history${query(f as Record<string, string | number | undefined>)}`),
  conversation: (id: string) => call<{ conversation: ConversationDetail; messages: ChatMessage[] }>(`${C}/conversations/${enc(id)}`),
  claim: (id: string) => call<{ conversation: ListItem }>(`${C}/conversations/${enc(id)}/claim`, post()),
  reply: (id: string, text: string, internal: boolean) => call<{ message: ChatMessage }>(`${C}/conversations/${enc(id)}/messages`, post({ text, internal })),
  /** Sends the customer a picture or file (multipart: the file, and text as a caption). */
  sendFile: (id: string, file: Blob, name: string, caption = '') => {
    const body = new FormData();
    if (caption) body.append('text', caption);
    body.append('file', file, name);
    return call<{ message: ChatMessage }>(`${C}/conversations/${enc(id)}/attachments`, { method: 'POST', body, timeoutMs: 120000 });
  },
  transfer: (id: string, agentId: string) => call<{ conversation: ListItem }>(`${C}/conversations/${enc(id)}/transfer`, post({ agentId })),
  returnToBot: (id: string) => call<{ conversation: ListItem }>(`${C}/conversations/${enc(id)}/return-to-bot`, post()),
  close: (id: string) => call<{ conversation: ListItem }>(`${C}/conversations/${enc(id)}/close`, post()),

  checkPhrases: async (text: string) => (await call<{ matches: PhraseMatch[] }>(`${C}/phrases/check`, post({ text }))).matches,
  forbiddenPhrases: () => call<ForbiddenPhrase[]>(`${C}/forbidden-phrases`),
  addPhrase: (p: PhraseInput) => call<ForbiddenPhrase>(`${C}/forbidden-phrases`, post(p)),
  updatePhrase: (id: string, p: PhraseInput) => call<ForbiddenPhrase>(`${C}/forbidden-phrases/${enc(id)}`, { method: 'PUT', body: p }),
  deletePhrase: (id: string) => call<void>(`${C}/forbidden-phrases/${enc(id)}`, { method: 'DELETE' }),
  violations: (f: LedgerFilter) => call<Ledger>(`${C}/violations${query(f)}`),
  decide: (id: string, decision: ViolationDecision, reason: string) => call<Violation>(`${C}/violations/${enc(id)}/${decision}`, post({ reason })),
  report: (body: { messageId: string; category: string; phrase?: string; reason: string }) => call<Violation>(`${C}/violations`, post(body)),

  cannedFor: (conversationId: string, q: string) => call<FilledReply[]>(`${C}/conversations/${enc(conversationId)}/canned-replies${query({ q })}`),
  cannedReplies: (q: string) => call<CannedReply[]>(`${C}/canned-replies${query({ q })}`),

  customer: (id: string) => call<CustomerBundle>(`${C}/customers/${enc(id)}`),
  setCustomerTags: (id: string, tags: string[]) => call<RecordView>(`${C}/customers/${enc(id)}/tags`, { method: 'PUT', body: { tags } }),
  createLead: (body: LeadInput) => call<RecordView>(`${C}/leads`, post(body)),
  createOrder: (body: OrderInput) => call<RecordView>(`${C}/orders`, post(body)),
  createComplaint: (body: ComplaintInput) => call<RecordView>(`${C}/complaints`, post(body)),

  users: (includeDisabled: boolean) => call<{ items: ConsoleUser[] }>(`${C}/users${query({ includeDisabled: includeDisabled ? 'true' : undefined })}`),
  createUser: (body: UserCreate) => call<{ user: ConsoleUser; password?: string }>(`${C}/users`, post(body)),
  updateUser: (id: string, body: UserUpdate) => call<{ user: ConsoleUser }>(`${C}/users/${enc(id)}`, { method: 'PATCH', body }),
  resetPassword: (id: string) => call<{ password?: string }>(`${C}/users/${enc(id)}/password`, post({})),
  audit: (entityType?: string, entityId?: string) => call<{ items: AuditEntry[] }>(`${C}/audit${query({ entityType, entityId, limit: 50 })}`),
};

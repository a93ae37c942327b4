import { ApiError, requestJson } from '../shared/http';
import type { ChatMessage, ConversationState, RatingSubmission, UploadRules } from '../shared/contract';
import type { Session } from './session-store';
import type { WidgetLocale } from './i18n';

/** A message the customer sends: typed text, or a pressed quick reply (choice, with its label). */
export interface Outgoing {
  text?: string;
  choice?: string;
  clientMessageId: string;
}

/** One page of the transcript after a cursor. */
export interface MessagesPage {
  messages: ChatMessage[];
  cursor?: string;
  conversation?: ConversationState;
}

/** The public client API (`/api/v1/client`) and the widget settings, on the widget's own server. */
export class ClientApi {
  constructor(private readonly base: string) {}

  private auth(session: Session): Record<string, string> {
    return { authorization: `Bearer ${session.token}` };
  }

  private conv(session: Session): string {
    return `${this.base}/api/v1/client/conversations/${encodeURIComponent(session.conversationId)}`;
  }

  /** `GET /widget/config.json`: whether to ask for name and phone first, and which files may be sent. */
  async settings(): Promise<{ prechatForm: boolean; upload?: UploadRules }> {
    return requestJson(`${this.base}/widget/config.json`, { credentials: 'omit' });
  }

  /** Starts a conversation; returns the session and the greeting. */
  async start(body: { locale: WidgetLocale; name?: string; phone?: string }): Promise<{ session: Session; messages: ChatMessage[] }> {
    const res = await requestJson<{ conversationId: string; token: string; messages?: ChatMessage[] }>(`${this.base}/api/v1/client/conversations`, {
      method: 'POST',
      body,
      credentials: 'omit',
    });
    return { session: { conversationId: res.conversationId, token: res.token }, messages: res.messages ?? [] };
  }

  /** Sends one message (idempotent on clientMessageId); returns the bot's replies. */
  async send(session: Session, msg: Outgoing): Promise<ChatMessage[]> {
    const res = await requestJson<{ messages?: ChatMessage[] }>(`${this.conv(session)}/messages`, {
      method: 'POST',
      body: msg,
      headers: this.auth(session),
      credentials: 'omit',
    });
    return res.messages ?? [];
  }

  /** The transcript after `cursor` (from the start without one), oldest first, at most 200. */
  async messagesAfter(session: Session, cursor?: string): Promise<MessagesPage> {
    const query = cursor ? `?after=${encodeURIComponent(cursor)}` : '';
    return requestJson<MessagesPage>(`${this.conv(session)}/messages${query}`, { headers: this.auth(session), credentials: 'omit' });
  }

  /** Sends a picture or file (idempotent on clientMessageId); returns the stored message and the bot's replies. */
  async upload(session: Session, file: Blob, name: string, clientMessageId: string): Promise<{ message: ChatMessage; messages: ChatMessage[] }> {
    const body = new FormData();
    body.append('clientMessageId', clientMessageId);
    body.append('file', file, name);
    return requestJson(`${this.conv(session)}/attachments`, { method: 'POST', body, headers: this.auth(session), credentials: 'omit', timeoutMs: 120000 });
  }

  /** A file of the conversation as a blob: URL for an <img> or a download (the token cannot ride on a plain URL). */
  async fileUrl(session: Session, path: string): Promise<string> {
    const res = await fetch(this.base + path, { headers: this.auth(session), credentials: 'omit' });
    if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
    return URL.createObjectURL(await res.blob());
  }

  /** Rates the closed conversation (409 when not closed yet or already rated). */
  async rate(session: Session, rating: RatingSubmission): Promise<void> {
    await requestJson(`${this.conv(session)}/rating`, { method: 'POST', body: rating, headers: this.auth(session), credentials: 'omit' });
  }
}

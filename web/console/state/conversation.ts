import { signal } from '@preact/signals';
import type { ChatMessage, ConversationDetail, ListItem } from '../../../src/http/contract';
import { api } from '../api';
import { reason } from './notify';

/** The conversation open in the workspace: its detail and whole transcript, kept current by the socket. */
export interface OpenConversation {
  id: string;
  detail?: ConversationDetail;
  messages: ChatMessage[];
  error?: string;
}

export const open = signal<OpenConversation | undefined>(undefined);
/** The agent has typed a reply not yet sent: an automatic assignment does not take the screen away. */
export const draftInProgress = signal(false);

/** Loads a conversation; an answer for a conversation no longer open is dropped. */
export async function openById(id: string): Promise<void> {
  if (open.value?.id === id && open.value.detail) return;
  open.value = { id, messages: [] };
  await reload(id);
}

export async function reload(id = open.value?.id): Promise<void> {
  if (!id) return;
  try {
    const { conversation, messages } = await api.conversation(id);
    if (open.value?.id === id) open.value = { id, detail: conversation, messages };
  } catch (err) {
    if (open.value?.id === id) open.value = { id, messages: [], error: reason(err) };
  }
}

export function closePane(): void {
  open.value = undefined;
}

/** A message of the open conversation (socket or our own reply); a repeat replaces the earlier copy. */
export function applyMessage(conversationId: string, m: ChatMessage): void {
  const current = open.value;
  if (!current || current.id !== conversationId) return;
  const at = current.messages.findIndex((x) => x.id === m.id);
  const messages = at >= 0 ? current.messages.map((x, i) => (i === at ? m : x)) : [...current.messages, m];
  open.value = { ...current, messages };
}

/** A changed inbox row of the open conversation: status, assignee and so the actions follow. */
export function applyItem(item: ListItem): void {
  const current = open.value;
  if (current?.id === item.id && current.detail) open.value = { ...current, detail: { ...current.detail, ...item } };
}

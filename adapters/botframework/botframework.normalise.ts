import { createHash, randomUUID } from 'node:crypto';
import type { Activity, ConversationReference } from 'botbuilder';
import type { InboundMessage } from '../../src/core/message';
import { placeholderText } from '../shared/inbound';

const MAX_ID = 200;

/**
 * A message Activity as an InboundMessage. Activity ids are unique within a conversation only, so the
 * key is conversation + activity id (hashed when long). The conversation reference rides in
 * replyContext: send() needs it for proactive messages (continueConversationAsync).
 */
export function normaliseActivity(activity: Activity, text: string, reference: Partial<ConversationReference>): InboundMessage {
  const value = activity.value as { choice?: unknown } | undefined;
  const choice = typeof value?.choice === 'string' ? value.choice : undefined;
  const key = `${activity.conversation.id}:${activity.id ?? randomUUID()}`;
  const hasAttachment = (activity.attachments?.length ?? 0) > 0;
  return {
    channel: 'botframework',
    externalUserId: activity.from.id,
    conversationKey: activity.conversation.id,
    channelMessageId: key.length <= MAX_ID ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`,
    text: text.trim() || (hasAttachment && choice === undefined ? placeholderText('attachment') : ''),
    choice,
    displayName: activity.from.name || undefined,
    localeHint: activity.locale,
    receivedAt: activity.timestamp ? new Date(activity.timestamp) : undefined,
    replyContext: { reference, ...(activity.locale ? { locale: activity.locale } : {}) },
  };
}

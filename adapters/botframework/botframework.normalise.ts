import { createHash, randomUUID } from 'node:crypto';
import type { Activity, ConversationReference } from 'botbuilder';
import type { AttachmentKind, InboundMessage } from '../../src/core/message';
import { placeholderText } from '../shared/inbound';

/** Teams' file: the attachment's content has the downloadUrl. */
const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';

/** A file of an activity: where to fetch it, what it is, and its name. */
export interface ActivityFile {
  url: string;
  kind: AttachmentKind;
  name?: string;
}

/**
 * The files an activity carries (pictures, voice, video, documents, Teams files); cards and
 * other structured attachments are not files.
 */
export function activityFiles(activity: Activity): ActivityFile[] {
  return (activity.attachments ?? []).flatMap((a) => {
    const content = a.content as { downloadUrl?: unknown } | undefined;
    const url = a.contentType === TEAMS_FILE && typeof content?.downloadUrl === 'string' ? content.downloadUrl : a.contentUrl;
    if (typeof url !== 'string' || !/^(https?:|data:)/.test(url) || /^application\/vnd\.microsoft\.card\./.test(a.contentType)) return [];
    const kind: AttachmentKind = a.contentType.startsWith('image/') ? 'image' : a.contentType.startsWith('audio/') ? 'voice' : a.contentType.startsWith('video/') ? 'video' : 'file';
    return [{ url, kind, ...(a.name ? { name: a.name } : {}) }];
  });
}

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
  // A card or other structured attachment is named; a file is the message's attachment itself.
  const hasAttachment = (activity.attachments?.length ?? 0) > 0 && activityFiles(activity).length === 0;
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

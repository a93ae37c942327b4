import type { Types } from 'mongoose';
import type { Attachment, AttachmentKind } from '../../core/message';
import type { StoredAttachment } from '../message/message.model';

/** An attachment as a client sees it: the file's facts and where to fetch it (the contract's AttachmentView). */
export interface AttachmentView {
  kind: AttachmentKind;
  name?: string;
  size?: number;
  mime?: string;
  url?: string;
  thumbnailUrl?: string;
  duration?: number;
  transcript?: string;
  error?: Attachment['error'];
}

type Owner = { _id: Types.ObjectId | string; conversation: Types.ObjectId | string };

/**
 * Where each audience fetches a message's files: the console with its session
 * (`/api/v1/console/messages/:id/attachments/:n`), the widget with the visitor token
 * (`/api/v1/client/conversations/:cid/messages/:id/attachments/:n`); `/thumbnail` for the small image.
 */
export function attachmentUrl(m: Owner, index: number, audience: 'customer' | 'console'): string {
  return audience === 'console' ? `/api/v1/console/messages/${String(m._id)}/attachments/${index}` : `/api/v1/client/conversations/${String(m.conversation)}/messages/${String(m._id)}/attachments/${index}`;
}

/** A stored message's attachments as the audience sees them (no file ids: they fetch by URL). */
export function attachmentViews(m: Owner & { attachments?: readonly StoredAttachment[] | null }, audience: 'customer' | 'console'): AttachmentView[] | undefined {
  if (!m.attachments?.length) return undefined;
  return m.attachments.map((a, i) => {
    const url = a.fileId ? attachmentUrl(m, i, audience) : undefined;
    const view: AttachmentView = { kind: a.kind };
    if (a.name) view.name = a.name;
    if (typeof a.size === 'number') view.size = a.size;
    if (a.mime) view.mime = a.mime;
    if (url) view.url = url;
    if (url && a.thumbnailId) view.thumbnailUrl = `${url}/thumbnail`;
    if (typeof a.duration === 'number') view.duration = a.duration;
    if (a.transcript) view.transcript = a.transcript;
    if (a.error) view.error = a.error;
    return view;
  });
}

/** Stored attachments as plain objects (a hydrated message holds mongoose subdocuments). */
export function plainAttachments(list: readonly StoredAttachment[]): Attachment[] {
  return list.map((a) => {
    const plain: Attachment = { kind: a.kind };
    for (const k of ['fileId', 'name', 'size', 'mime', 'thumbnailId', 'duration', 'transcript', 'error'] as const) if (a[k] !== undefined && a[k] !== null) (plain as unknown as Record<string, unknown>)[k] = a[k];
    return plain;
  });
}

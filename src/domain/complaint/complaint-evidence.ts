import type { Types } from 'mongoose';
import { Message, type MessageRecord } from '../message/message.model';
import { Complaint } from './complaint.model';

/** A picture on a complaint: which message and which of its attachments, and what it is. */
interface Evidence {
  message: Types.ObjectId;
  index: number;
  kind: string;
  name?: string;
  mime?: string;
  size?: number;
  at: Date;
}

type Sent = Pick<MessageRecord, '_id' | 'attachments' | 'createdAt'>;

/** The stored pictures of a customer's message. */
function picturesOf(m: Sent): Evidence[] {
  return (m.attachments ?? []).flatMap((a, index) =>
    a.kind === 'image' && a.fileId
      ? [{ message: m._id, index, kind: a.kind, ...(a.name ? { name: a.name } : {}), ...(a.mime ? { mime: a.mime } : {}), ...(typeof a.size === 'number' ? { size: a.size } : {}), at: m.createdAt ?? new Date() }]
      : [],
  );
}

/** Adds a message's pictures once: a second run (a redelivered event, a retried turn) adds nothing. */
async function addOnce(complaintId: Types.ObjectId, pictures: Evidence[]): Promise<void> {
  if (!pictures.length) return;
  await Complaint.updateOne({ _id: complaintId, 'evidence.message': { $ne: pictures[0].message } }, { $push: { evidence: { $each: pictures } } });
}

/**
 * A complaint just recorded takes the pictures the customer already sent in its conversation (the
 * flow invites a photo before the record is made), except those an earlier complaint of the same
 * conversation holds.
 */
export async function attachConversationPictures(complaint: { _id: Types.ObjectId; conversation?: Types.ObjectId | null }): Promise<void> {
  if (!complaint.conversation) return;
  const earlier = await Complaint.find({ conversation: complaint.conversation, _id: { $ne: complaint._id } }, { evidence: 1 }).lean();
  const taken = new Set(earlier.flatMap((c) => (c.evidence ?? []).map((e) => String(e.message))));
  const sent = await Message.find({ conversation: complaint.conversation, direction: 'in', 'attachments.kind': 'image' }, { attachments: 1, createdAt: 1 }).sort({ createdAt: 1, _id: 1 }).limit(100).lean();
  for (const m of sent) if (!taken.has(String(m._id))) await addOnce(complaint._id, picturesOf(m));
}

/**
 * A picture the customer sends while a complaint of the conversation is open goes onto it (the
 * newest open one): the evidence of a broken vase sent after the complaint was recorded.
 */
export async function attachToOpenComplaint(message: Sent & Pick<MessageRecord, 'direction' | 'conversation'>): Promise<void> {
  if (message.direction !== 'in') return;
  const pictures = picturesOf(message);
  if (!pictures.length) return;
  const open = await Complaint.findOne({ conversation: message.conversation, status: { $ne: 'closed' } }, { _id: 1 }).sort({ createdAt: -1 }).lean();
  if (open) await addOnce(open._id, pictures);
}

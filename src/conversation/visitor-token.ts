import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isValidObjectId } from 'mongoose';
import { AppError } from '../errors';
import { Conversation, type ConversationDoc } from '../domain/conversation/conversation.model';

/** SHA-256 (hex) of a visitor token: what the conversation stores instead of the token. */
export function visitorTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new visitor token: 32 random bytes, base64url; the caller stores only its hash. */
export function newVisitorToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: visitorTokenHash(token) };
}

/**
 * The conversation a visitor token opens (client API, widget socket). A missing or unknown token
 * is 401; a token that opens another conversation is 404, as is an id that does not exist.
 */
export async function conversationForToken(conversationId: string, token: string | undefined): Promise<ConversationDoc> {
  if (!token || token.length > 200) throw new AppError('UNAUTHENTICATED', 'Send the conversation token as a Bearer token');
  const hash = visitorTokenHash(token);
  const conversation = isValidObjectId(conversationId) ? await Conversation.findById(conversationId) : null;
  if (conversation?.tokenHash?.length === hash.length && timingSafeEqual(Buffer.from(conversation.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) return conversation;
  if (await Conversation.exists({ tokenHash: hash })) throw new AppError('CONVERSATION_NOT_FOUND');
  throw new AppError('UNAUTHENTICATED', 'The token does not open this conversation');
}

import type { Logger } from 'pino';
import { seedIfEmpty } from '../domain/shared/seed';
import { ForbiddenPhrase } from '../domain/forbidden-phrase/forbidden-phrase.model';
import { FORBIDDEN_PHRASE_SEED } from '../domain/forbidden-phrase/forbidden-phrase.seed';
import { CannedReply } from '../domain/canned-reply/canned-reply.model';
import { CANNED_REPLY_SEED } from '../domain/canned-reply/canned-reply.seed';

/** First run: the forbidden phrases (001 §二) and standard scripts (001 §一), when their collections are empty. */
export async function seedLiveChat(log: Logger): Promise<void> {
  const phrases = await seedIfEmpty(ForbiddenPhrase, FORBIDDEN_PHRASE_SEED);
  const replies = await seedIfEmpty(CannedReply, CANNED_REPLY_SEED);
  if (phrases || replies) log.info({ phrases, replies }, 'live chat seeded: forbidden phrases and canned replies');
}

import { z } from 'zod';

/**
 * The parts of a Telegram Update the adapter reads, as the Bot API sends them: ids as integers,
 * texts as strings. Objects are loose: Telegram adds fields all the time, and what is not read here
 * is passed on untouched. Anything else (a text that is an object, a chat id that is not a number)
 * is refused before it is stored.
 */
const id = z.number().int().refine(Number.isSafeInteger, 'must be an integer');
const user = z.looseObject({
  id,
  is_bot: z.boolean().optional(),
  first_name: z.string().max(256),
  last_name: z.string().max(256).optional(),
  username: z.string().max(64).optional(),
  language_code: z.string().max(35).optional(),
});
const chat = z.looseObject({ id, type: z.string().max(32) });
const button = z.looseObject({ text: z.string(), callback_data: z.string().optional() });
/** A file Telegram keeps (photo size, document, voice, audio, video): fetched by file_id through getFile. */
const file = z.looseObject({
  file_id: z.string().min(1).max(256),
  file_size: z.number().int().nonnegative().optional(),
  file_name: z.string().max(512).optional(),
  mime_type: z.string().max(128).optional(),
  duration: z.number().int().nonnegative().optional(),
});
const message = z.looseObject({
  message_id: id,
  date: id,
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(file).optional(),
  document: file.optional(),
  voice: file.optional(),
  audio: file.optional(),
  video: file.optional(),
  reply_to_message: z.looseObject({ from: user.optional() }).optional(),
  reply_markup: z.looseObject({ inline_keyboard: z.array(z.array(button)).optional() }).optional(),
});

export const telegramUpdate = z.looseObject({
  update_id: id,
  message: message.optional(),
  callback_query: z
    .looseObject({
      id: z.string().max(128),
      from: user,
      data: z.string().max(64).optional(),
      // An "inaccessible message" (date 0) has the same chat and message_id.
      message: message.optional(),
    })
    .optional(),
});

/** A validated Update (with whatever else Telegram sent alongside). */
export type TelegramUpdate = z.output<typeof telegramUpdate>;

/** The first problem of an invalid Update, as `field: reason` for the 400 answer and the log. */
export function describeInvalidUpdate(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'update'}: ${issue.message}`;
}

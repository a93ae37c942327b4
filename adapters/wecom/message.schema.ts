import { z } from 'zod';

/**
 * The fields of a WeCom / Official Account message the adapters read, as the platforms send them:
 * every value a single text element (the XML parser keeps them strings, so 64-bit MsgIds stay
 * exact), ids and times as digits; a picture, voice or video has its MediaId. Other elements (event
 * details) pass unchecked.
 */
const text = (max: number) => z.string().max(max);
const digits = (max: number) => z.string().regex(new RegExp(`^\\d{1,${max}}$`), 'must be digits');

/** Message types whose content is fetched by MediaId. */
export const MEDIA_TYPES = ['image', 'voice', 'video', 'shortvideo', 'file'];

export const weChatMessageFields = z
  .looseObject({
    ToUserName: text(128).min(1),
    FromUserName: text(128).min(1),
    CreateTime: digits(12),
    MsgType: text(32).min(1),
    MsgId: digits(20).optional(),
    Content: z.string().optional(),
    Event: text(64).min(1).optional(),
    EventKey: text(1024).optional(),
    AgentID: digits(20).optional(),
    Recognition: z.string().optional(),
    /** Pictures, voice and video (issue 13): the media id to fetch from the media API. */
    MediaId: text(256).min(1).optional(),
    PicUrl: text(2048).optional(),
    Format: text(16).optional(),
    ThumbMediaId: text(256).optional(),
  })
  .superRefine((fields, ctx) => {
    const isEvent = fields.MsgType === 'event';
    if (isEvent && fields.Event === undefined) ctx.addIssue({ code: 'custom', path: ['Event'], message: 'is missing' });
    if (!isEvent && fields.MsgId === undefined) ctx.addIssue({ code: 'custom', path: ['MsgId'], message: 'is missing' });
    if (fields.MsgType === 'text' && fields.Content === undefined) ctx.addIssue({ code: 'custom', path: ['Content'], message: 'is missing' });
    if (MEDIA_TYPES.includes(fields.MsgType) && fields.MediaId === undefined) ctx.addIssue({ code: 'custom', path: ['MediaId'], message: 'is missing' });
  });

export type WeChatMessageFields = z.output<typeof weChatMessageFields>;

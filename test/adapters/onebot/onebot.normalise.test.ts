import { normaliseOneBotEvent as normaliseChecked } from '../../../adapters/onebot/onebot.normalise';
import { checkOneBotEvent } from '../../../adapters/onebot/onebot.schema';

/** As the adapter does it: the event is checked against its schema first; other events are ignored. */
function normaliseOneBotEvent(payload: unknown) {
  const checked = checkOneBotEvent(payload);
  if (!checked.ok) throw new Error(checked.reason);
  return checked.message === undefined ? undefined : normaliseChecked(checked.message);
}

const base = { time: 1700000000, self_id: 10001000, post_type: 'message', message_id: 7, user_id: 12345678 };

describe('normaliseOneBotEvent', () => {
  it('keys a message on account, message id and time, so a recycled int32 id is a new message', () => {
    const first = normaliseOneBotEvent({ ...base, message_type: 'private', message: 'hi' });
    const recycled = normaliseOneBotEvent({ ...base, time: base.time + 86_400, message_type: 'private', message: 'hi again' });
    expect(first?.channelMessageId).toBe('10001000:7:1700000000');
    expect(recycled?.channelMessageId).not.toBe(first?.channelMessageId);
  });

  it('keys group threads apart from private ones and remembers whom to mention', () => {
    const msg = normaliseOneBotEvent({ ...base, message_type: 'group', group_id: 12345678, message: '[CQ:at,qq=10001000] 在吗', sender: { nickname: 'n', card: '王先生' } });
    expect(msg).toMatchObject({ conversationKey: 'group:12345678', externalUserId: '12345678', text: '在吗', displayName: '王先生', replyContext: { groupId: '12345678', userId: '12345678' } });
  });

  it('ignores group messages without a mention, the bot’s own messages, and other events', () => {
    expect(normaliseOneBotEvent({ ...base, message_type: 'group', group_id: 1, message: '[CQ:at,qq=999] hi' })).toBeUndefined();
    expect(normaliseOneBotEvent({ ...base, user_id: base.self_id, message_type: 'private', message: 'echo' })).toBeUndefined();
    expect(normaliseOneBotEvent({ ...base, post_type: 'meta_event', meta_event_type: 'heartbeat' })).toBeUndefined();
  });

  it('leaves a picture-only message without text (the picture is its attachment); a face alone is named', () => {
    expect(normaliseOneBotEvent({ ...base, message_type: 'private', message: [{ type: 'image', data: { file: 'a.jpg' } }] })?.text).toBe('');
    expect(normaliseOneBotEvent({ ...base, message_type: 'private', message: [{ type: 'face', data: { id: '14' } }] })?.text).toBe('[face]');
  });
});

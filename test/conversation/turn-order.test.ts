import { useTestDatabase } from '../helpers/database';
import { testLogger } from '../helpers/logger';
import { TEST_CONFIG } from '../flows/harness';
import { loadBot } from '../../src/conversation/bot';
import { ConversationService } from '../../src/conversation/conversation.service';
import { EventBus } from '../../src/conversation/events';
import { Outbox } from '../../src/conversation/outbox';
import { AdapterRegistry } from '../../src/channels/registry';
import { Conversation, Message, Lead } from '../../src/domain/models';
import type { IntentRecognizer } from '../../src/core/intents/intent-recognizer';

useTestDatabase(__filename);

const clock = new Date('2026-11-23T10:00:00+08:00');

/** A service instance as one process of the service would build it. */
function instance(recognizer?: IntentRecognizer): ConversationService {
  const events = new EventBus((err) => {
    throw err;
  });
  return new ConversationService({
    engine: loadBot(TEST_CONFIG, undefined, recognizer),
    events,
    log: testLogger,
    outbox: new Outbox({ registry: new AdapterRegistry(), events, log: testLogger }),
    agentsAvailable: async () => false,
    now: () => clock,
  });
}

const say = (svc: ConversationService, user: string, id: string, text: string) =>
  svc.receive({ channel: 'web', externalUserId: user, conversationKey: user, channelMessageId: id, text, localeHint: 'zh-CN' }, { inlineReplies: true }).then((r) => r.replies);

describe('conversation turns', () => {
  it('a restart in the middle of a flow resumes where the customer was', async () => {
    const before = instance();
    await say(before, 'u-restart', 'r1', '你好');
    const asked = await say(before, 'u-restart', 'r2', '转人工');
    expect(asked.map((r) => r.text).join()).toContain('请您留下需要咨询或办理的事项');
    const after = instance();
    const next = await say(after, 'u-restart', 'r3', '想请一位住家保姆，照顾老人');
    expect(next.map((r) => r.text).join()).toContain('手机号码');
    const done = await say(after, 'u-restart', 'r4', '13812345678');
    expect(done.map((r) => r.text).join()).toContain('留言已记录');
    expect(await Lead.findOne({ need: '想请一位住家保姆，照顾老人' }).lean()).toMatchObject({ phone: '+8613812345678', sourceChannel: 'web' });
  });

  it('messages sent at once to two service instances are answered one at a time, in order', async () => {
    const a = instance();
    const b = instance();
    await say(a, 'u-order', 'o0', '你好');
    await say(a, 'u-order', 'o1', '转人工');
    const msg = (id: string, text: string) => ({ channel: 'web' as const, externalUserId: 'u-order', conversationKey: 'u-order', channelMessageId: id, text });
    // The second message arrives at the other instance while the first one's turn is still running.
    const first = await a.receive(msg('o2', '需要月嫂'), { inlineReplies: true });
    const second = await b.receive(msg('o3', '13912345678'), { inlineReplies: true });
    const [r1, r2] = await Promise.all([first.replies, second.replies]);
    // Whichever instance ran which turn, the message stored first was answered first.
    expect(r1.map((r) => r.text).join()).toContain('手机号码');
    expect(r2.map((r) => r.text).join()).toContain('留言已记录');
    const conv = await Conversation.findOne({ conversationKey: 'u-order' }).lean();
    expect(conv?.flow).toBeNull();
    // Every inbound message had its turn committed, in arrival order, and none waits.
    const inbound = await Message.find({ conversation: conv!._id, direction: 'in' }).sort({ createdAt: 1, _id: 1 }).lean();
    expect(conv!.turns.map(String)).toEqual(inbound.map((m) => String(m._id)));
    expect(conv!.pending).toEqual([]);
    expect(await Lead.countDocuments({ need: '需要月嫂', phone: '+8613912345678' })).toBe(1);
  });

  it('a retried delivery is stored once and answered with the same replies', async () => {
    const svc = instance();
    const first = await say(svc, 'u-retry', 'dup-1', '你好');
    const again = await say(svc, 'u-retry', 'dup-1', '你好');
    expect(again).toEqual(first);
    expect(await Message.countDocuments({ channelMessageId: 'dup-1' })).toBe(1);
  });

  it('a pluggable recogniser (NLU) decides intents instead of the keyword rules', async () => {
    const nlu: IntentRecognizer = { recognize: (text) => (text.includes('找个真人聊聊') ? { intent: 'human', confidence: 0.9 } : undefined) };
    const svc = instance(nlu);
    await say(svc, 'u-nlu', 'n1', '你好');
    const replies = await say(svc, 'u-nlu', 'n2', '能不能找个真人聊聊');
    expect(replies.map((r) => r.text).join()).toContain('人工客服');
  });
});

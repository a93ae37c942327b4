import { useLiveChatService, eventually } from '../helpers/live-chat';
import { Complaint, Conversation, Message } from '../../src/domain/models';

const service = useLiveChatService('turn_rerun');

const say = (user: string, id: string, text: string) =>
  service().conversations.receive({ channel: 'wechat-mp', externalUserId: user, conversationKey: user, channelMessageId: id, text, localeHint: 'zh-CN' }, { inlineReplies: true }).then((r) => r.replies);

describe('a turn that runs again', () => {
  it('after a crash between its records and its commit, answers with the complaint of its first run and stores no second one', async () => {
    const user = 'rerun-complaint';
    const script = ['你好', '我要投诉', '物流太慢了，送货的快递员态度还很差', '没有', '昨天下午', '不清楚', '没有'];
    for (const [i, text] of script.entries()) await say(user, `rerun-${i}`, text);
    const before = (await Conversation.findOne({ channel: 'wechat-mp', externalUserId: user }).lean())!;
    expect(before.flow).toBeTruthy();

    const first = await say(user, 'rerun-last', '13812345678');
    const answer = first.map((r) => r.text).join('\n');
    expect(answer).toContain('24小时内');
    const complaint = (await Complaint.findOne({ conversation: before._id }).lean())!;
    const inbound = (await Message.findOne({ channel: 'wechat-mp', channelMessageId: 'rerun-last' }).lean())!;

    // The process died after the turn wrote its complaint and replies but before its commit: the
    // conversation is as it was before the message, which is still pending, and the lease has run out.
    await Conversation.collection.updateOne(
      { _id: before._id },
      {
        $set: { flow: before.flow, suspended: before.suspended, notUnderstood: before.notUnderstood, offered: before.offered, turns: before.turns, status: before.status, pending: [inbound._id], leaseUntil: new Date(0) },
        $unset: { leaseOwner: 1 },
      },
    );
    await service().conversations.turns.kick(before._id);
    await eventually(async () => !(await Conversation.exists({ _id: before._id, pending: inbound._id })));

    const complaints = await Complaint.find({ conversation: before._id }).lean();
    expect(complaints).toHaveLength(1);
    expect(complaints[0].number).toBe(complaint.number);
    // The customer was answered once: the re-run's replies are the first run's.
    const replies = await Message.find({ replyTo: inbound._id }).lean();
    expect(replies.map((m) => m.text).join('\n')).toBe(answer);
    expect((await Conversation.findById(before._id).lean())!.flow).toBeFalsy();
  });
});

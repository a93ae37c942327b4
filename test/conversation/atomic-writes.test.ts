import { useLiveChatService, addUser, online, waitingCustomer, asUser } from '../helpers/live-chat';
import { Conversation, Customer, CustomerIdentity, Message } from '../../src/domain/models';
import { learnAboutCustomer } from '../../src/domain/customer/customer.service';

const service = useLiveChatService('atomic_writes', { ASSIGNMENT_MODE: 'manual' });
const app = () => service().app;

const say = (channel: 'web' | 'wechat-mp', user: string, id: string, text: string) =>
  service().conversations.receive({ channel, externalUserId: user, conversationKey: user, channelMessageId: id, text, localeHint: 'zh-CN' }, { inlineReplies: true }).then((r) => r.replies);

describe('writes that race each other', () => {
  it('one customer writing on two channels at once while an agent records their name loses no update', async () => {
    for (let round = 0; round < 8; round++) {
      // The customer is known on the website and on the Official Account (identities merged).
      await say('web', `atom-web-${round}`, `w0-${round}`, '你好');
      const web = (await CustomerIdentity.findById(`web:atom-web-${round}`).lean())!;
      await CustomerIdentity.create({ channel: 'wechat-mp', externalId: `atom-mp-${round}`, customer: web.customer });
      await say('wechat-mp', `atom-mp-${round}`, `m0-${round}`, '你好');
      // At the same moment: a turn on the website learns the phone, a turn on WeChat learns English,
      // and an agent's panel records the name.
      await Promise.all([
        say('web', `atom-web-${round}`, `w1-${round}`, '我要留言 我的电话13812345678'),
        say('wechat-mp', `atom-mp-${round}`, `m1-${round}`, 'hello, can you help me please?'),
        learnAboutCustomer(web.customer, { name: '陈女士' }),
      ]);
      const customer = (await Customer.findById(web.customer).lean())!;
      expect(customer.name).toBe('陈女士');
      expect(customer.lastSeenAt).toBeInstanceOf(Date);
      expect(customer.locale).toBeDefined();
      // Both conversations are the same customer's, each with its two turns committed.
      const conversations = await Conversation.find({ customer: web.customer }).lean();
      expect(conversations.map((c) => c.channel).sort()).toEqual(['web', 'wechat-mp']);
      for (const c of conversations) expect(c.turns).toHaveLength(2);
    }
  });

  it('two agents claiming one waiting chat at the same moment: one gets it, the other is told it is taken', async () => {
    const a = await addUser('甲坐席');
    const b = await addUser('乙坐席');
    const [cookieA, cookieB] = [await online(app(), a), await online(app(), b)];
    for (let round = 0; round < 6; round++) {
      const visitor = await waitingCustomer(app());
      const answers = await Promise.all([cookieA, cookieB].map((cookie) => asUser(app(), cookie)('POST', `/api/v1/console/conversations/${visitor.conversationId}/claim`)));
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = answers.find((r) => r.statusCode === 409)!;
      expect(loser.json().error.code).toBe('CHAT_NOT_CLAIMABLE');
      const winner = answers.findIndex((r) => r.statusCode === 200) === 0 ? a : b;
      const conversation = (await Conversation.findById(visitor.conversationId).lean())!;
      expect(String(conversation.assignee)).toBe(winner.id);
      // The customer is told once who serves them.
      expect(await Message.countDocuments({ conversation: conversation._id, author: 'system', text: { $regex: '号客服人员）为您服务' } })).toBe(1);
    }
  });
});

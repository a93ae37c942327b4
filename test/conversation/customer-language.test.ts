import { useLiveChatService } from '../helpers/live-chat';
import { Customer, CustomerIdentity } from '../../src/domain/models';
import { learnAboutCustomer } from '../../src/domain/customer/customer.service';

const service = useLiveChatService('customer_language');

const say = (user: string, id: string, text: string) =>
  service().conversations.receive({ channel: 'web', externalUserId: user, conversationKey: user, channelMessageId: id, text }, { inlineReplies: true }).then((r) => r.replies);

const customerOf = async (user: string) => {
  const identity = (await CustomerIdentity.findById(`web:${user}`).lean())!;
  return (await Customer.findById(identity.customer).lean())!;
};

describe('the language a customer writes in', () => {
  it('is remembered on the customer when they change it, and the next answers follow', async () => {
    const user = 'lang-switch';
    const greeting = await say(user, 'l0', '你好');
    expect(greeting.map((r) => r.text).join('\n')).toMatch(/您好|你好/);
    const zh = await customerOf(user);
    expect(zh.locale).toBe('zh-CN');

    const english = await say(user, 'l1', 'Hello, what are your opening hours?');
    expect(english.map((r) => r.text).join('\n')).toMatch(/[A-Za-z]{4,}/);
    const en = await customerOf(user);
    expect(en.locale).toBe('en');
    expect(en.updatedAt!.getTime()).toBeGreaterThan(zh.updatedAt!.getTime());

    await say(user, 'l2', '请问你们几点上班');
    expect((await customerOf(user)).locale).toBe('zh-CN');
  });

  it('refuses a language or an updates channel it does not know, naming the field, and writes nothing', async () => {
    const user = 'lang-bad';
    await say(user, 'b0', '你好');
    const before = await customerOf(user);
    await expect(learnAboutCustomer(before._id, { locale: 'fr' as never })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('locale') });
    await expect(learnAboutCustomer(before._id, { updatesVia: 'fax' as never, name: '王先生' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('updatesVia') });
    const after = await customerOf(user);
    expect(after.locale).toBe(before.locale);
    expect(after.updatesVia).toBeUndefined();
    expect(after.name).toBeUndefined();
    expect(after.updatedAt).toEqual(before.updatedAt);
  });
});

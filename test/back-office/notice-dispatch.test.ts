import path from 'node:path';
import { FakeHttpServer } from '../adapters/helpers/fake-http-server';
import { testLogger } from '../helpers/logger';
import { WeComApi } from '../../adapters/wecom/wecom.api';
import { createI18n, readLocaleFiles } from '../../src/i18n/i18n';
import { noticeDispatcher } from '../../src/notify/notice-dispatch';
import { mailWebhook } from '../../src/notify/senders';


describe('notices outside the console: WeCom app messages and e-mail', () => {
  const wecom = new FakeHttpServer((call) => (call.path === '/cgi-bin/gettoken' ? { body: { errcode: 0, access_token: 'T1', expires_in: 7200 } } : { body: { errcode: 0, errmsg: 'ok' } }));
  const mail = new FakeHttpServer(() => ({ body: {} }));
  const i18n = createI18n(readLocaleFiles(path.resolve(__dirname, '../../locales')));
  let dispatch: ReturnType<typeof noticeDispatcher>;

  beforeAll(async () => {
    const api = new WeComApi({ corpId: 'ww1', corpSecret: 's', agentId: 1000002, baseUrl: await wecom.start() });
    dispatch = noticeDispatcher({ i18n, locale: 'zh-CN', log: testLogger, publicUrl: 'https://kefu.example.com', wecom: api, email: mailWebhook(`${await mail.start()}/send`), alertWeCom: 'manager1|gm', alertEmails: ['boss@example.com'] });
  });
  afterAll(async () => {
    await wecom.close();
    await mail.close();
  });

  it('sends a serious complaint to the managers’ WeCom and e-mail, worded from the locale, with a link into the console', async () => {
    await dispatch({ kind: 'complaint.serious', params: { number: 'C202507010001', category: 'theft', description: '家里的金项链不见了' }, managers: true, alert: true, link: { page: 'complaints', params: ['abc'] } });
    const sent = wecom.callsTo('/cgi-bin/message/send')[0];
    expect(sent.query.access_token).toBe('T1');
    expect(sent.body).toMatchObject({ touser: 'manager1|gm', msgtype: 'text', agentid: 1000002, text: { content: expect.stringContaining('严重投诉 C202507010001') } });
    expect((sent.body as { text: { content: string } }).text.content).toContain('https://kefu.example.com/console#/complaints/abc');
    expect(mail.calls[0].body).toMatchObject({ to: ['boss@example.com'], subject: '严重投诉 C202507010001' });
  });

  it('sends a handed-over lead to the consultant only (no alert recipients): WeCom when they have an id, else e-mail', async () => {
    const before = { wecom: wecom.callsTo('/cgi-bin/message/send').length, mail: mail.calls.length };
    await dispatch({ kind: 'lead.assigned', params: { consultant: '赵顾问', need: '住家保姆', name: '钱女士', phone: '' }, contacts: [{ name: '赵顾问', wecomUserId: 'zhao' }, { name: '孙顾问', email: 'sun@example.com' }] });
    expect(wecom.callsTo('/cgi-bin/message/send').slice(before.wecom).map((c) => (c.body as { touser: string }).touser)).toEqual(['zhao']);
    expect(mail.calls.slice(before.mail).map((c) => (c.body as { to: string[] }).to)).toEqual([['sun@example.com']]);
  });
});

import { parse } from 'yaml';
import { addUser, asUser, eventually, openChat, say, signIn, transcript, useLiveChatService } from '../helpers/live-chat';
import { BOSS } from '../helpers/service-config';
import { BotContentVersion, Conversation } from '../../src/domain/models';

jest.setTimeout(400_000);

const service = useLiveChatService('bot_content', { COMPANY_PROFILE: 'retail', BOT_CONTENT_POLL_SECONDS: '1' });
const app = () => service().app;
type Call = ReturnType<typeof asUser>;

/** Runs the conversation tests against the draft and waits for the result. */
async function runTests(boss: Call) {
  const started = await boss('POST', '/api/v1/console/bot/tests', {});
  expect(started.statusCode).toBe(202);
  return eventually(async () => {
    const run = (await boss('GET', `/api/v1/console/bot/tests/${started.json().id}`)).json();
    return run.status === 'running' ? undefined : run;
  }, 240_000);
}

async function greetingOf(locale: string): Promise<string> {
  const v = await openChat(app(), { locale });
  return (await transcript(app(), v)).messages.map((m) => m.text).join('\n');
}

const NEW_OPENING = '{{salutation}}$t(greeting:hello_{{holiday}})，這裡是{{company}}，我是{{botNumber}}號客服人員，請問有什麼可以幫您？本週全館免運。';

describe('the bot’s content as drafts and published versions', () => {
  let boss: Call;
  let wording: Record<string, Record<string, string>>;
  let order: Record<string, unknown> & { steps: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    boss = asUser(app(), await signIn(app(), BOSS));
  });

  it('starts from flows/ and locales/ as version 1, and only managers may see it', async () => {
    const res = await boss('GET', '/api/v1/console/bot/draft');
    expect(res.statusCode).toBe(200);
    const draft = res.json();
    expect(draft).toMatchObject({ base: 1, current: 1, changed: false, problems: [], profile: 'retail', running: { number: 1 } });
    expect(draft.bundle.wording.greeting['zh-TW'].opening).toContain('這裡是{{company}}');
    expect(draft.bundle.wording['back-office']).toBeUndefined();
    expect(draft.actions).toContain('createOrder');
    wording = draft.bundle.wording.greeting;
    order = draft.bundle.flows.order;
    const agent = asUser(app(), await signIn(app(), await addUser('小王')));
    expect((await agent('GET', '/api/v1/console/bot/draft')).statusCode).toBe(403);
  });

  it('names the flow, step and field at fault, as npm run flows:check does', async () => {
    const broken = structuredClone(order);
    broken.steps.quantity.next = 'nowhere';
    const res = await boss('PUT', '/api/v1/console/bot/draft/part', { section: 'flows', name: 'order', value: broken });
    expect(res.statusCode).toBe(200);
    expect(res.json().problems).toEqual([
      expect.objectContaining({ section: 'flows', name: 'order', flowId: 'order', stepId: 'quantity', field: 'next', message: 'order.yaml flow "order" step "quantity": leads to step "nowhere", which does not exist' }),
    ]);
    const refused = await boss('POST', '/api/v1/console/bot/publish', { note: 'broken' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('BOT_CONTENT_INVALID');
    const bad = await boss('PUT', '/api/v1/console/bot/draft/part', { section: 'wording', name: 'greeting', value: { 'zh-CN': {} } });
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'value.zh-TW' }] });
  });

  it('refuses a publish until the conversation tests pass, and a failing test names itself and why', async () => {
    await boss('PUT', '/api/v1/console/bot/draft/part', { section: 'flows', name: 'order', value: order });
    const rude = { ...wording, 'zh-TW': { ...wording['zh-TW'], opening: '歡迎光臨。' } };
    expect((await boss('PUT', '/api/v1/console/bot/draft/part', { section: 'wording', name: 'greeting', value: rude })).json()).toMatchObject({ changed: true, problems: [] });
    expect((await boss('POST', '/api/v1/console/bot/publish', {})).json().error.code).toBe('BOT_TESTS_PENDING');
    const run = await runTests(boss);
    expect(run.status).toBe('failed');
    expect(run.failures).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'greeting', message: expect.stringContaining('the bot\'s reply lacks "女士，中秋好，這裡是貴州飛滿天酒業有限公司') })]));
    const refused = await boss('POST', '/api/v1/console/bot/publish', {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('BOT_TESTS_FAILED');
    expect(refused.json().error.details.run.failures.length).toBe(run.failures.length);
  });

  it('publishes a version every new chat uses at once, while a chat inside a flow keeps its flow version', async () => {
    const before = await openChat(app(), { locale: 'zh-CN' });
    await say(app(), before, '我想买酒');
    expect((await Conversation.findById(before.conversationId).lean())?.flow).toMatchObject({ flowId: 'order', version: 1, stepId: 'product' });
    // The new version: new wording, and the order flow says a word after the quantity.
    await boss('PUT', '/api/v1/console/bot/draft/part', { section: 'wording', name: 'greeting', value: { ...wording, 'zh-TW': { ...wording['zh-TW'], opening: NEW_OPENING } } });
    const changed = structuredClone(order);
    changed.steps.quantity.next = 'quantity_noted';
    changed.steps.quantity_noted = { kind: 'say', text: 'order:quantity_noted', next: 'payment' };
    const orderTexts = (await boss('GET', '/api/v1/console/bot/draft/part?section=wording&name=order')).json().value;
    for (const [l, text] of Object.entries({ 'zh-CN': '好的，数量已记下。', 'zh-TW': '好的，數量已記下。', en: 'Noted the quantity.' })) orderTexts[l].quantity_noted = text;
    await boss('PUT', '/api/v1/console/bot/draft/part', { section: 'wording', name: 'order', value: orderTexts });
    const state = (await boss('PUT', '/api/v1/console/bot/draft/part', { section: 'flows', name: 'order', value: changed })).json();
    expect(state.problems).toEqual([]);
    const run = await runTests(boss);
    expect(run).toMatchObject({ status: 'passed', failures: [] });
    const published = await boss('POST', '/api/v1/console/bot/publish', { note: '免運' });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ number: 2, kind: 'publish', note: '免運', author: { name: expect.any(String) } });
    expect(await greetingOf('zh-TW')).toContain('本週全館免運');
    const stored = await BotContentVersion.findOne({ profile: 'retail', number: 2 }).lean();
    expect(stored?.flowKeys).toEqual(expect.arrayContaining(['order@2', 'greeting@1']));
    // Started on order@1: the quantity leads straight to the payment, as it did when the chat began.
    await say(app(), before, '天朝上品');
    await say(app(), before, '2');
    const oldChat = (await transcript(app(), before)).messages.map((m) => m.text).join('\n');
    expect(oldChat).toContain('请问您是线上付款还是货到付款');
    expect(oldChat).not.toContain('数量已记下');
    const fresh = await openChat(app(), { locale: 'zh-CN' });
    await say(app(), fresh, '我想买两瓶天朝上品');
    expect((await transcript(app(), fresh)).messages.map((m) => m.text).join('\n')).toContain('数量已记下');
    expect((await boss('GET', '/api/v1/console/bot/draft')).json()).toMatchObject({ base: 2, current: 2, changed: false });
  });

  it('shows what changed between versions, and a rollback restores the old wording as a new version', async () => {
    const diff = (await boss('GET', '/api/v1/console/bot/diff?from=1&to=2')).json().entries;
    expect(diff).toEqual(expect.arrayContaining([
      expect.objectContaining({ section: 'wording', name: 'greeting', texts: [expect.objectContaining({ key: 'greeting:opening', locale: 'zh-TW', after: NEW_OPENING })] }),
      expect.objectContaining({ section: 'flows', name: 'order', change: 'changed', lines: expect.arrayContaining(['+version: 2', '+  quantity_noted:']) }),
    ]));
    const back = await boss('POST', '/api/v1/console/bot/versions/1/rollback', { note: '活動結束' });
    expect(back.json()).toMatchObject({ number: 3, kind: 'rollback', restores: 1 });
    expect(await greetingOf('zh-TW')).not.toContain('本週全館免運');
    const versions = (await boss('GET', '/api/v1/console/bot/versions')).json();
    expect(versions.current).toBe(3);
    expect(versions.items.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
  });

  it('exports a version as YAML and imports it as the draft; flows/ can be imported too; a file for another company is refused', async () => {
    const file = await boss('GET', '/api/v1/console/bot/versions/2/export?format=yaml');
    expect(file.headers['content-disposition']).toContain('kefu-bot-retail-v2.yaml');
    const data = parse(file.body);
    expect(data).toMatchObject({ format: 'kefu-bot/1', profile: 'retail', version: 2 });
    const imported = (await boss('POST', '/api/v1/console/bot/draft/import', { text: file.body })).json();
    expect(imported).toMatchObject({ changed: true, problems: [] });
    expect((await boss('GET', '/api/v1/console/bot/diff?from=2&to=draft')).json().entries).toEqual([]);
    const other = await boss('POST', '/api/v1/console/bot/draft/import', { text: file.body.replace('profile: retail', 'profile: housekeeping') });
    expect(other.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'profile' }] });
    const garbage = await boss('POST', '/api/v1/console/bot/draft/import', { text: 'format: kefu-bot/1\ncontent: [' });
    expect(garbage.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'text' }] });
    expect((await boss('POST', '/api/v1/console/bot/draft/import', { source: 'files' })).json()).toMatchObject({ problems: [] });
    expect((await boss('DELETE', '/api/v1/console/bot/draft')).json()).toMatchObject({ base: 3, changed: false });
  });

  it('lets a manager chat with the draft as a customer, in a sandbox, seeing the step, values and intent', async () => {
    await boss('PUT', '/api/v1/console/bot/draft/part', { section: 'wording', name: 'greeting', value: { ...wording, 'zh-TW': { ...wording['zh-TW'], opening: NEW_OPENING } } });
    const session = `panel-${Date.now()}`;
    const opened = (await boss('POST', '/api/v1/console/bot/try', { session, start: true, locale: 'zh-TW' })).json();
    expect(opened.replies[0].text).toContain('本週全館免運');
    const turn = (await boss('POST', '/api/v1/console/bot/try', { session, text: '我想買兩瓶天朝上品' })).json();
    expect(turn.turn).toMatchObject({ flowId: 'order', understood: 'order', values: { sku: 'TCSP-500', quantity: 2 } });
    // Nothing of it is a customer's conversation.
    expect(await Conversation.countDocuments({ externalUserId: `try-${session}` })).toBe(0);
    expect((await greetingOf('zh-TW'))).not.toContain('本週全館免運');
  });
});

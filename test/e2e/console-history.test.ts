/**
 * Browser end-to-end, the inbox for real work: a closed chat from days ago is found in the history
 * by the customer's phone, shown with its date and time, opened with its whole transcript and the
 * customer's earlier chats; the canned-reply picker shows filled text; on a phone the top bar folds
 * into a menu and nothing scrolls sideways. Screenshots in test-artifacts/e2e/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../src/domain/user/user.service';
import { SYSTEM } from '../../src/domain/audit/audit.service';
import { Conversation } from '../../src/domain/conversation/conversation.model';
import { Message } from '../../src/domain/message/message.model';
import { eventually } from '../helpers/live-chat';
import { launchChromium, snap, watchErrors } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { ConsolePage } from './helpers/console-page';
import { overflowsSideways } from './helpers/console-tools';

jest.setTimeout(180_000);

const PHONE = { width: 390, height: 844 };

describe('history, transcripts and the console on a phone', () => {
  let live: LiveService;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  let oldId = '';
  let newId = '';

  async function newPage(label: string, viewport = { width: 1440, height: 860 }): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport, timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    pageErrors.push(watchErrors(page, label));
    return page;
  }

  /** Hands a conversation to the agent (manual mode: claimed with the agent's cookie), who answers. */
  async function serve(conversationId: string, agentCookie: string): Promise<void> {
    await eventually(async () => (await Conversation.findById(conversationId).lean())?.status === 'waiting');
    // The queue position is told after the hand-off: wait for it, so nothing writes to the chat later.
    await eventually(async () => !!(await Message.exists({ conversation: conversationId, author: 'system' })));
    const act = (path: string, body: unknown = {}) => fetch(`${live.baseUrl}/api/v1/console/conversations/${conversationId}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: agentCookie }, body: JSON.stringify(body) });
    expect((await act('claim')).status).toBe(200);
    expect((await act('messages', { text: '好的，已为您登记。' })).status).toBe(201);
  }

  /** A customer on the website (client API) who asks for a human and is served. */
  async function servedChat(text: string, agentCookie: string): Promise<string> {
    const open = await fetch(`${live.baseUrl}/api/v1/client/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'zh-CN', name: '欧阳娜娜', phone: '13900001111' }) });
    const { conversationId, token } = await open.json();
    const say = (t: string) => fetch(`${live.baseUrl}/api/v1/client/conversations/${conversationId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ text: t }) });
    await say('转人工');
    await say(text);
    await serve(conversationId, agentCookie);
    return conversationId;
  }

  /** The same customer writing again on the same thread after the chat closed: a new conversation. */
  async function returningChat(previous: string, text: string, agentCookie: string): Promise<string> {
    const c = (await Conversation.findById(previous).lean())!;
    const thread = { channel: 'web' as const, externalUserId: c.externalUserId, conversationKey: c.conversationKey };
    await (await live.service.conversations.receive({ ...thread, channelMessageId: `${previous}:again-1`, text: '转人工' })).replies;
    const again = await live.service.conversations.receive({ ...thread, channelMessageId: `${previous}:again-2`, text });
    await again.replies;
    await serve(again.conversationId, agentCookie);
    return again.conversationId;
  }

  beforeAll(async () => {
    live = await startLiveService('e2e_console_history', { ASSIGNMENT_MODE: 'manual' });
    await createUser({ email: 'mei@example.com', name: '韩梅梅', role: 'agent', password: 'agent-password-5' }, SYSTEM);
    const login = await fetch(`${live.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mei@example.com', password: 'agent-password-5' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    oldId = await servedChat('上次订的酱香型白酒还没到', cookie);
    await fetch(`${live.baseUrl}/api/v1/console/conversations/${oldId}/close`, { method: 'POST', headers: { cookie } });
    // That chat was three days ago.
    const shift = { $set: {} as Record<string, Date> };
    const days = 3 * 24 * 3600_000;
    for (const m of await Message.find({ conversation: oldId }).lean()) await Message.collection.updateOne({ _id: m._id }, { $set: { createdAt: new Date(m.createdAt!.getTime() - days) } });
    const c = await Conversation.findById(oldId).lean();
    for (const k of ['createdAt', 'lastMessageAt', 'closedAt', 'assignedAt', 'waitingSince', 'firstHumanResponseAt'] as const) if (c?.[k]) shift.$set[k] = new Date((c[k] as Date).getTime() - days);
    await Conversation.collection.updateOne({ _id: c!._id }, shift);
    newId = await returningChat(oldId, '这次想再订两箱', cookie);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const x of contexts) await x.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await live?.close();
  });

  afterEach(() => expect(pageErrors.flat()).toEqual([]));

  it('finds the old chat by phone, shows its date and time, opens the transcript and the earlier chats', async () => {
    const agent = new ConsolePage(await newPage('agent'));
    await agent.signIn(live.baseUrl, 'mei@example.com', 'agent-password-5');
    await agent.page.locator('.nav a[href="#/history"]').click();
    await agent.page.locator('.filters input[name=q]').fill('139 0000 1111');
    await agent.page.locator('.filters button[type=submit]').click();
    const row = agent.page.locator(`.history-item[data-id="${oldId}"]`);
    await row.waitFor();
    // Three days ago: the date is shown with the time, not the time alone.
    expect(await row.locator('.history-when').textContent()).toMatch(/\d{1,2}[/月.-]\d{1,2}.*\d{2}:\d{2}/);
    await snap(agent.page, 'console-history');
    await row.click();
    await agent.page.locator('.transcript .msg[data-author="customer"]').filter({ hasText: '酱香型白酒' }).waitFor();
    expect(await agent.page.locator('.reply-box.is-readonly').textContent()).toContain('会话已结束');
    const stamp = await agent.page.locator('.transcript .msg[data-author="customer"] time').first().textContent();
    expect(stamp).toMatch(/\d{1,2}[/月.-]\d{1,2}.*\d{2}:\d{2}/);
    await snap(agent.page, 'console-closed-transcript');

    // From today's chat, the customer panel lists the earlier one, which opens.
    await agent.page.goto(`${live.baseUrl}/console#/c/${newId}`);
    const earlier = agent.page.locator('.side-section', { hasText: '历史会话' }).locator(`a[href="#/c/${oldId}"]`);
    await earlier.waitFor();
    // The canned replies show as they will be sent: salutation (none known: 您好), company and the agent's number filled in.
    await agent.page.locator('.canned-toggle').click();
    await agent.page.locator('.canned-search').fill('开场白');
    const filled = agent.page.locator('.canned-item', { hasText: '开场白' }).first().locator('.canned-text');
    await filled.filter({ hasText: '号客服人员' }).waitFor();
    expect(await filled.textContent()).not.toContain('{{');
    expect(await filled.textContent()).toMatch(/^您好，这里是安心家政，我是\d+号客服人员/);
    await snap(agent.page, 'console-canned-filled');
    await earlier.click();
    await agent.page.locator('.transcript .msg[data-author="customer"]').filter({ hasText: '酱香型白酒' }).waitFor();
  });

  it('works on a phone: the top bar folds into a menu, the inbox and the chat take turns, nothing scrolls sideways', async () => {
    const phone = new ConsolePage(await newPage('phone', PHONE));
    await phone.signIn(live.baseUrl, 'mei@example.com', 'agent-password-5');
    await phone.page.locator('.presence-select').waitFor();
    expect(await phone.page.locator('.nav').isVisible()).toBe(false);
    expect(await overflowsSideways(phone.page)).toBe(false);
    const bar = await phone.page.locator('.topbar').boundingBox();
    expect(bar!.height).toBeLessThanOrEqual(60);
    await snap(phone.page, 'console-phone-inbox');
    await phone.page.locator('.menu-toggle').click();
    await phone.page.locator('.nav a[href="#/history"]').waitFor();
    expect(await overflowsSideways(phone.page)).toBe(false);
    await snap(phone.page, 'console-phone-menu');
    await phone.page.locator('.menu-toggle').click();
    await phone.tab('mine');
    await phone.inboxItem(newId).click();
    await phone.input.waitFor();
    expect(await phone.page.locator('.inbox').isVisible()).toBe(false);
    expect(await overflowsSideways(phone.page)).toBe(false);
    await snap(phone.page, 'console-phone-chat');
    await phone.page.locator('.conv-title .back').click();
    await phone.inboxItem(newId).waitFor();
    await phone.page.locator('.menu-toggle').click();
    await phone.page.locator('.nav a[href="#/history"]').click();
    await phone.page.locator('.history-item').first().waitFor();
    expect(await overflowsSideways(phone.page)).toBe(false);
    await snap(phone.page, 'console-phone-history');
  });
});

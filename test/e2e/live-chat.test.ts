/**
 * Browser end-to-end: a customer on the demo page talks to the bot, asks for a human; an agent
 * signs in to the console, claims, replies, is stopped by a forbidden phrase, closes; the customer
 * rates. Debian's Chromium through playwright-core; screenshots go to test-artifacts/e2e/.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/domain/user/user.service';
import { SYSTEM } from '../../src/domain/audit/audit.service';
import { Conversation } from '../../src/domain/conversation/conversation.model';
import { BrowserPages, snap } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { ConsolePage } from './helpers/console-page';
import { createOnlineAgent } from './helpers/agent-api';

jest.setTimeout(180_000);

const XSS = '<img src=x onerror=alert(1)>';
const FORBIDDEN = '我已经给你说过了';

describe('live chat in the browser: widget, console, hand-off, rating', () => {
  let live: LiveService;
  const browser = new BrowserPages();
  let agentNumber = '';

  /** A page in a browser context of its own (own cookies and localStorage), watched for errors. */
  async function newPage(options: Parameters<Browser['newContext']>[0], label: string): Promise<Page> {
    return browser.newPage(label, options);
  }

  beforeAll(async () => {
    live = await startLiveService('e2e_live_chat', { ASSIGNMENT_MODE: 'manual', LOGIN_MAX_FAILURES: '3' });
    const agent = await createOnlineAgent('wang@example.com', '王小明', 'agent-password-1');
    agentNumber = agent.agentNumber;
    await createUser({ email: 'locked@example.com', name: '锁定', role: 'agent', password: 'locked-password-1' }, SYSTEM);
    await browser.launch();
  });

  afterAll(async () => {
    await browser.close();
    await live?.close();
  });

  afterEach(() => {
    expect(browser.seenErrors()).toEqual([]);
  });

  it('serves the widget, its settings, the demo page and the console with the right headers', async () => {
    const widget = await fetch(`${live.baseUrl}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect(widget.headers.get('cache-control')).toMatch(/max-age=\d+/);
    // The whole widget, socket.io-client included, stays within 30 KB gzipped.
    expect(gzipSync(Buffer.from(await widget.arrayBuffer()), { level: 9 }).length).toBeLessThanOrEqual(30 * 1024);
    expect(await (await fetch(`${live.baseUrl}/widget/config.json`)).json()).toEqual({ prechatForm: false, upload: { maxBytes: 10 * 1024 * 1024, types: expect.arrayContaining(['image/jpeg', 'image/png']) } });
    const demo = await fetch(`${live.baseUrl}/demo`);
    expect(await demo.text()).toMatch(/<script src="\/widget\.js" async><\/script>/);
    const page = await fetch(`${live.baseUrl}/console`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    const asset = (await page.text()).match(/\/console\/assets\/console-[\w-]+\.js/)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${live.baseUrl}${asset}`)).headers.get('cache-control')).toMatch(/immutable/);
    expect((await fetch(`${live.baseUrl}/console/assets/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('tells a wrong password from a locked account on the sign-in page', async () => {
    const desk = new ConsolePage(await newPage({ locale: 'zh-CN' }, 'locked'));
    await desk.signIn(live.baseUrl, 'locked@example.com', 'wrong-password-1');
    await desk.loginError.filter({ hasText: '邮箱或密码不正确' }).waitFor();
    for (let i = 0; i < 3; i++) {
      await desk.page.locator('input[name=password]').fill('wrong-password-1');
      await desk.page.locator('.login-card button[type=submit]').click();
      await desk.page.waitForTimeout(300);
    }
    await desk.loginError.filter({ hasText: '锁定' }).waitFor();
    await snap(desk.page, 'console-locked');
  });

  it('hands a customer from the bot to an agent and back to a rating', async () => {
    // The customer opens the widget on the demo page and talks to the bot.
    const widget = new WidgetPage(await newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } }, 'customer'));
    await widget.page.goto(`${live.baseUrl}/demo`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');
    await snap(widget.page, 'widget-greeting');
    await widget.say('菜单');
    await widget.page.locator('.kf-chip').first().waitFor();
    await snap(widget.page, 'widget-menu');
    await widget.choose('转人工');
    await widget.page.waitForFunction(() => document.querySelector('kefu-widget')?.shadowRoot?.querySelector('.kf-subtitle')?.textContent?.includes('转接'), null, { timeout: 15000 });
    const { conversationId } = await widget.session(live.baseUrl);
    expect(conversationId).toBeTruthy();

    // Markup typed by the customer is shown as text and runs nothing.
    await widget.say(XSS);
    const literal = await widget.waitFor('customer', XSS);
    expect(await literal.textContent()).toBe(XSS);
    expect(await widget.page.evaluate(() => document.querySelector('kefu-widget')?.shadowRoot?.querySelectorAll('img').length)).toBe(0);

    // The agent signs in, sees the waiting chat (markup literal in the preview too) and claims it.
    const agent = new ConsolePage(await newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 860 } }, 'agent'));
    await agent.signIn(live.baseUrl, 'wang@example.com', 'agent-password-1');
    await agent.page.locator('.presence-select').selectOption('online');
    await agent.inboxItem(conversationId).waitFor({ timeout: 15000 });
    await snap(agent.page, 'console-waiting');
    await agent.inboxItem(conversationId).click();
    await agent.messages('customer').filter({ hasText: XSS }).waitFor();
    expect(await agent.page.locator('.transcript img').count()).toBe(0);
    await agent.action('接入会话').click();
    await agent.page.locator('.reply-input:not([disabled])').waitFor();
    // The opening line from the canned replies, rendered by the server for this chat.
    await agent.page.locator('.canned-toggle').click();
    await agent.page.locator('.canned-search').fill('开场白');
    await agent.page.locator('.canned-item', { hasText: '开场白' }).first().click();
    await agent.page.waitForFunction(() => (document.querySelector('.reply-input') as HTMLTextAreaElement | null)?.value.includes('这里是'));
    const opening = await agent.input.inputValue();
    expect(opening).toContain(`我是${agentNumber}号客服人员`);
    expect(opening).not.toContain('{{');
    await agent.input.press('Enter');

    // The customer sees the reply with the agent's name and number.
    await widget.waitFor('agent', `我是${agentNumber}号客服人员`);
    expect(await widget.page.locator('.kf-row[data-author="agent"] .kf-name').first().textContent()).toBe(`王小明 · ${agentNumber}号`);
    expect(await widget.subtitle()).toBe(`王小明（${agentNumber}号）为您服务`);
    await snap(widget.page, 'widget-agent-reply');

    // A forbidden phrase: warned while typing, refused on send with the alternative shown.
    await agent.input.fill(`${FORBIDDEN}，请您再看一遍`);
    await agent.page.locator('.phrase-warning').filter({ hasText: FORBIDDEN }).waitFor({ timeout: 10000 });
    await agent.input.press('Enter');
    const refusal = agent.page.locator('.phrase-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(FORBIDDEN);
    expect(await refusal.locator('.phrase-alt').first().textContent()).not.toBe('');
    await snap(agent.page, 'console-forbidden-phrase');

    // A lead recorded from the chat shows in the customer panel.
    await agent.page.locator('.record-details summary', { hasText: '新建线索' }).click();
    await agent.page.locator('.record-form[data-kind=leads] textarea[name=need]').fill('想请一位住家保姆照顾老人');
    await agent.page.locator('.record-form[data-kind=leads] button[type=submit]').click();
    await agent.page.locator('.side-section', { hasText: '线索' }).filter({ hasText: '想请一位住家保姆照顾老人' }).waitFor();

    // An internal note stays in the console.
    await agent.page.locator('.mode[data-mode=note]').click();
    await agent.send('客户已确认地址，稍后回访');
    await agent.page.locator('.msg-internal').filter({ hasText: '稍后回访' }).waitFor();
    await agent.page.locator('.mode[data-mode=reply]').click();

    // Offline, the customer's message waits in localStorage and is sent once when back.
    await widget.page.context().setOffline(true);
    await widget.page.locator('.kf-banner', { hasText: '网络已断开' }).waitFor();
    await widget.say('我刚才网络断了');
    await widget.page.locator('.kf-row[data-author="customer"] .kf-meta', { hasText: '等待发送' }).waitFor();
    await widget.page.context().setOffline(false);
    await agent.messages('customer').filter({ hasText: '我刚才网络断了' }).waitFor({ timeout: 30000 });
    await widget.page.waitForTimeout(1500);
    expect(await agent.messages('customer').filter({ hasText: '我刚才网络断了' }).count()).toBe(1);

    // A reload restores the transcript (literal markup included); nothing private leaks to it.
    await widget.page.reload();
    await widget.open();
    await widget.waitFor('agent', `我是${agentNumber}号客服人员`);
    expect(await widget.bubbles('customer').filter({ hasText: XSS }).count()).toBe(1);
    expect(await widget.panel.textContent()).not.toContain('稍后回访');
    expect(await widget.panel.textContent()).not.toContain(FORBIDDEN);
    await snap(widget.page, 'widget-reloaded');

    // The agent closes; the customer rates overall, and attitude, speed and resolution too.
    await agent.action('结束会话').click();
    await agent.confirm();
    await widget.rate({ overall: 5, attitude: 5, speed: 4, resolution: 5 }, '服务很耐心，谢谢！');
    await snap(widget.page, 'widget-rated');
    await snap(agent.page, 'console-closed');
    const stored = await Conversation.findById(conversationId).lean();
    expect(stored?.status).toBe('closed');
    expect(stored?.rating).toMatchObject({ overall: 5, attitude: 5, speed: 4, resolution: 5, comment: '服务很耐心，谢谢！' });
  });

  it('shows managers the forbidden-phrase list and the violation the agent just made', async () => {
    const manager = new ConsolePage(await newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } }, 'manager'));
    await manager.signIn(live.baseUrl, 'boss@example.com', 'first-admin-password');
    await manager.page.locator('.nav a[href="#/quality"]').click();
    await manager.page.locator('.phrases .phrase-cell').filter({ hasText: FORBIDDEN }).first().waitFor();
    // The refused reply is a warning in the ledger, not a fine.
    await manager.page.locator('.ledger .violation[data-status="warning"]').filter({ hasText: '王小明' }).first().waitFor();
    await snap(manager.page, 'console-manage');
  });
});

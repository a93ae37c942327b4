/**
 * Browser end-to-end, the manager workspace: an admin creates an agent in the console; the agent
 * signs in and an automatically assigned chat reaches them with a toast, a sound and a desktop
 * notification, and opens; the agent closes the browser and, after the grace period, new chats go
 * to someone else. Debian's Chromium through playwright-core; screenshots in test-artifacts/e2e/.
 */
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/domain/user/user.service';
import { SYSTEM } from '../../src/domain/audit/audit.service';
import { Conversation } from '../../src/domain/conversation/conversation.model';
import { User } from '../../src/domain/user/user.model';
import { eventually } from '../helpers/live-chat';
import { BrowserPages, snap } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { ConsolePage } from './helpers/console-page';
import { attention, recordAttention, typeWithIme } from './helpers/console-tools';

jest.setTimeout(180_000);

describe('the manager workspace in the browser: users, presence, automatic assignment', () => {
  let live: LiveService;
  const browser = new BrowserPages();

  async function newPage(label: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    return browser.newPage(label, { locale: 'zh-CN', viewport: { width: 1440, height: 860 }, ...options });
  }

  /** A customer on the demo page who asks for a human; returns the conversation id. */
  async function customerAsksForHuman(label: string): Promise<string> {
    const widget = new WidgetPage(await newPage(label));
    await widget.page.goto(`${live.baseUrl}/demo`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');
    await widget.say('转人工');
    const id = await eventually(async () => (await widget.session(live.baseUrl))?.conversationId);
    await eventually(async () => (await Conversation.findById(id).lean())?.status !== 'bot');
    return id;
  }

  /** Who serves the conversation once automatic assignment ran. */
  const assigneeOf = (id: string) =>
    eventually(async () => {
      const c = await Conversation.findById(id).lean();
      return c?.status === 'assigned' && String(c.assignee);
    });

  beforeAll(async () => {
    live = await startLiveService('e2e_console_team', { ASSIGNMENT_MODE: 'auto', PRESENCE_GRACE_SECONDS: '2' });
    await browser.launch();
  });

  afterAll(async () => {
    await browser.close();
    await live?.close();
  });

  afterEach(() => expect(browser.seenErrors()).toEqual([]));

  it('lets an admin create an agent who signs in, takes an assigned chat with a notification, and stops receiving chats after closing the browser', async () => {
    // The admin creates the agent on the users page (the name typed with a Chinese input method).
    const admin = new ConsolePage(await newPage('admin'));
    await admin.signIn(live.baseUrl, 'boss@example.com', 'first-admin-password');
    await admin.page.locator('.nav a[href="#/users"]').click();
    await admin.page.locator('.new-user').click();
    const form = admin.page.locator('.user-form');
    await typeWithIme(admin.page, form.locator('input[name=name]'), 'liuxiaomei', '刘晓梅');
    expect(await form.locator('input[name=name]').inputValue()).toBe('刘晓梅');
    await form.locator('input[name=email]').fill('xiaomei@example.com');
    await form.locator('input[name=maxChats]').fill('3');
    await form.locator('input[name=skills]').fill('订单, 投诉');
    await snap(admin.page, 'console-user-create');
    await form.locator('button[type=submit]').click();
    const password = (await admin.page.locator('.password-once').textContent())?.trim() ?? '';
    expect(password).toHaveLength(18);
    await snap(admin.page, 'console-user-password');
    await admin.page.locator('.modal .btn.primary').click();
    await admin.page.locator('.users-table tr[data-email="xiaomei@example.com"]').waitFor();
    const agentId = String((await User.findOne({ email: 'xiaomei@example.com' }).lean())!._id);

    // The agent signs in (online at once) with desktop notifications allowed.
    const agentPage = await newPage('agent');
    await agentPage.context().grantPermissions(['notifications'], { origin: live.baseUrl });
    await recordAttention(agentPage);
    const agent = new ConsolePage(agentPage);
    await agent.signIn(live.baseUrl, 'xiaomei@example.com', password);
    await agentPage.locator('.presence-select').waitFor();
    expect(await agentPage.locator('.presence-select').inputValue()).toBe('online');

    // The manager's team board shows her online with no chats.
    await admin.page.locator('.nav a[href="#/team"]').click();
    const row = admin.page.locator(`.team-table tr[data-id="${agentId}"]`);
    await row.filter({ hasText: '在线' }).waitFor();

    // A customer asks for a human: the chat is assigned to her; she is told and it opens.
    const first = await customerAsksForHuman('customer-1');
    expect(await assigneeOf(first)).toBe(agentId);
    const toast = agentPage.locator('.toast.alert').filter({ hasText: '新会话已分配给您' });
    await toast.waitFor({ timeout: 15000 });
    await agentPage.waitForFunction((id) => location.hash === `#/c/${id}`, first);
    await agentPage.locator('.reply-input').waitFor();
    await agentPage.locator('.tab.is-active[data-view="mine"]').waitFor();
    const seen = await attention(agentPage);
    expect(seen.notes).toEqual([expect.objectContaining({ title: '新的客户会话', body: expect.stringContaining('新会话已分配给您') })]);
    expect(seen.beeps).toBeGreaterThan(0);
    await snap(agentPage, 'console-auto-assigned');
    await row.filter({ hasText: '1/3' }).waitFor();
    await snap(admin.page, 'console-team-online');

    // She closes the browser. After the grace period she is offline; the next chat goes to a colleague.
    const colleague = await createUser({ email: 'zhiban@example.com', name: '值班', role: 'agent', password: 'agent-password-3' }, SYSTEM);
    const other = new ConsolePage(await newPage('colleague'));
    await other.signIn(live.baseUrl, 'zhiban@example.com', 'agent-password-3');
    await other.page.locator('.presence-select').waitFor();
    await agentPage.context().close();
    await row.filter({ hasText: '离线' }).waitFor({ timeout: 15000 });
    await snap(admin.page, 'console-team-offline');
    const second = await customerAsksForHuman('customer-2');
    const assigned = await assigneeOf(second);
    expect(assigned).toBe(String(colleague._id));
    expect(assigned).not.toBe(agentId);
  });
});

/**
 * The widget where the socket cannot connect (blocked by a proxy): it asks the pre-chat questions,
 * then works over the REST API by polling, and an agent's reply still reaches the customer.
 */
import type { Browser } from 'playwright-core';
import { Customer } from '../../src/domain/customer/customer.model';
import { Conversation } from '../../src/domain/conversation/conversation.model';
import { launchChromium, snap, watchErrors } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { createOnlineAgent } from './helpers/agent-api';

jest.setTimeout(120_000);

/** Signs in to the console API and returns a fetch that carries the session cookie. */
async function agentSession(baseUrl: string, email: string, password: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  return (path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

describe('the widget without its socket, with the pre-chat form', () => {
  let live: LiveService;
  let browser: Browser;

  beforeAll(async () => {
    live = await startLiveService('e2e_widget_fallback', { ASSIGNMENT_MODE: 'manual', WIDGET_PRECHAT_FORM: 'true' });
    await createOnlineAgent('li@example.com', '李娜', 'agent-password-2');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await live?.close();
  });

  it('asks for name and phone, then chats over REST polling when socket.io is blocked', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
    await context.route('**/socket.io/**', (route) => route.abort());
    const page = await context.newPage();
    const errors = watchErrors(page, 'customer');
    const widget = new WidgetPage(page);
    await page.goto(`${live.baseUrl}/demo`);
    await widget.open();

    // The pre-chat form: an impossible phone number is refused before anything is created.
    const form = page.locator('.kf-prechat');
    await form.waitFor();
    await form.locator('input[name=name]').fill('钱先生');
    await form.locator('input[name=phone]').fill('12');
    await form.locator('button[type=submit]').click();
    await form.locator('.kf-error').filter({ hasText: 'phone number' }).waitFor();
    await form.locator('input[name=phone]').fill('13812345678');
    await snap(page, 'widget-prechat-mobile');
    await form.locator('button[type=submit]').click();
    await widget.waitFor('bot', '安心家政');
    const { conversationId } = await widget.session(live.baseUrl);
    const conversation = await Conversation.findById(conversationId).lean();
    expect(await Customer.findById(conversation?.customer).lean()).toMatchObject({ name: '钱先生', phone: expect.stringContaining('13812345678') });

    // Over REST only: the customer asks for a human, the agent claims and answers.
    await widget.say('转人工');
    await page.waitForFunction(() => /agent/i.test(document.querySelector('kefu-widget')?.shadowRoot?.querySelector('.kf-subtitle')?.textContent ?? ''), null, { timeout: 20000 });
    const agent = await agentSession(live.baseUrl, 'li@example.com', 'agent-password-2');
    expect((await agent(`/api/v1/console/conversations/${conversationId}/claim`, {})).status).toBe(200);
    expect((await agent(`/api/v1/console/conversations/${conversationId}/messages`, { text: 'Hello, this is Li Na (No. 101). How can I help?' })).status).toBe(201);
    await widget.waitFor('agent', 'How can I help?', 20000);
    expect(await widget.subtitle()).toMatch(/李娜/);
    await snap(page, 'widget-polling-mobile');
    expect(errors).toEqual([]);
    await context.close();
  });
});

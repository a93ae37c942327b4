/**
 * Browser end-to-end, the fair forbidden-phrase guard with Chinese input: an agent types with an
 * input method (the Enter that picks a candidate sends nothing), the care question with 神经病史 in
 * it reaches the customer, 我已经给你说过了 is stopped and recorded as a warning; the console in
 * Traditional Chinese. Debian's Chromium through playwright-core; screenshots in test-artifacts/e2e/.
 */
import type { Page } from 'playwright-core';
import { createUser } from '../../src/domain/user/user.service';
import { SYSTEM } from '../../src/domain/audit/audit.service';
import { Message } from '../../src/domain/message/message.model';
import { Violation } from '../../src/domain/forbidden-phrase/violation.model';
import { eventually } from '../helpers/live-chat';
import { BrowserPages, snap } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { ConsolePage } from './helpers/console-page';
import { typeWithIme } from './helpers/console-tools';

jest.setTimeout(180_000);

const CARE = '请问老人有没有神经病史或者高血压？';
const FORBIDDEN = '我已经给你说过了';

describe('the forbidden-phrase guard and IME input in the console', () => {
  let live: LiveService;
  const browser = new BrowserPages();

  async function newPage(label: string, locale = 'zh-CN'): Promise<Page> {
    return browser.newPage(label, { locale, viewport: { width: 1440, height: 860 } });
  }

  beforeAll(async () => {
    live = await startLiveService('e2e_console_guard', { ASSIGNMENT_MODE: 'auto' });
    await createUser({ email: 'guard@example.com', name: '张护理', role: 'agent', password: 'agent-password-4' }, SYSTEM);
    await browser.launch();
  });

  afterAll(async () => {
    await browser.close();
    await live?.close();
  });

  afterEach(() => expect(browser.seenErrors()).toEqual([]));

  it('sends the care question typed with an IME, and stops 我已经给你说过了 as a warning', async () => {
    const agent = new ConsolePage(await newPage('agent'));
    await agent.signIn(live.baseUrl, 'guard@example.com', 'agent-password-4');
    await agent.page.locator('.presence-select').waitFor();

    const widget = new WidgetPage(await newPage('customer'));
    await widget.page.goto(`${live.baseUrl}/demo`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');
    await widget.say('转人工');
    const { conversationId } = await eventually(async () => {
      const session = await widget.session(live.baseUrl);
      return session?.conversationId ? session : undefined;
    });
    await agent.page.waitForFunction((id) => location.hash === `#/c/${id}`, conversationId, { timeout: 15000 });
    const input = agent.page.locator('.reply-input');
    await input.waitFor();

    // Composing: the candidate-confirming Enter neither sends nor leaves pinyin behind.
    await typeWithIme(agent.page, input, 'qingwenlaoren', CARE);
    expect(await input.inputValue()).toBe(CARE);
    expect(await Message.countDocuments({ conversation: conversationId, author: 'agent' })).toBe(0);
    await agent.page.waitForTimeout(800);
    expect(await agent.page.locator('.phrase-warning').count()).toBe(0);
    await snap(agent.page, 'console-ime-care-question');
    await input.press('Enter');
    await widget.waitFor('agent', CARE);
    await agent.page.waitForFunction(() => (document.querySelector('.reply-input') as HTMLTextAreaElement | null)?.value === '');

    // The same path with the document's example: warned while typing, refused on send.
    await typeWithIme(agent.page, input, 'woyijing', FORBIDDEN);
    await agent.page.locator('.phrase-warning').filter({ hasText: FORBIDDEN }).waitFor({ timeout: 10000 });
    await input.press('Enter');
    const refusal = agent.page.locator('.phrase-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('警告');
    await snap(agent.page, 'console-guard-refused');
    expect(await widget.bubbles('agent').filter({ hasText: FORBIDDEN }).count()).toBe(0);
    expect(await Violation.findOne({ conversation: conversationId }).lean()).toMatchObject({ phrase: FORBIDDEN, status: 'warning', kind: 'blocked' });

    // The alternative replaces the phrase; that reply goes out.
    await refusal.locator('button', { hasText: '替换为建议用语' }).click();
    expect(await input.inputValue()).not.toContain(FORBIDDEN);
    await input.press('Enter');
    await eventually(async () => (await Message.countDocuments({ conversation: conversationId, author: 'agent' })) === 2);
  });

  it('types with an IME in the search fields and shows the console in Traditional Chinese', async () => {
    const manager = new ConsolePage(await newPage('manager-tw', 'zh-TW'));
    await manager.signIn(live.baseUrl, 'boss@example.com', 'first-admin-password');
    await manager.page.locator('.nav a[href="#/history"]').waitFor();
    expect(await manager.page.locator('.nav').textContent()).toContain('歷史會話');
    await manager.page.locator('.nav a[href="#/history"]').click();
    // Every status: the chat of the test above is still being served.
    await manager.page.locator('.filters select[name=status]').selectOption('');
    const q = manager.page.locator('.filters input[name=q]');
    await typeWithIme(manager.page, q, 'shenjing', '神經病史');
    expect(await q.inputValue()).toBe('神經病史');
    await q.press('Enter');
    await manager.page.locator('.history-item').first().waitFor();
    expect(await manager.page.locator('.result-count').textContent()).toMatch(/共 1 個會話/);
    await snap(manager.page, 'console-history-zh-tw');
    await manager.page.locator('.nav a[href="#/quality"]').click();
    await manager.page.locator('.ledger .violation').filter({ hasText: '警告' }).first().waitFor();
    await snap(manager.page, 'console-quality-zh-tw');
  });
});

/**
 * Browser end-to-end, the bot's scripts (issue 10): a manager edits the greeting wording and a flow
 * step in zh-TW with IME input, tries the draft as a customer, is refused a publish while a
 * conversation test fails, publishes, and the widget greets with the new wording without a restart;
 * a rollback brings the old wording back. Debian's Chromium; screenshots in test-artifacts/e2e/.
 */
import type { Locator, Page } from 'playwright-core';
import { createUser } from '../../src/domain/user/user.service';
import { SYSTEM } from '../../src/domain/audit/audit.service';
import { BotDraft } from '../../src/domain/models';
import { eventually } from '../helpers/live-chat';
import { BrowserPages, snap } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { ConsolePage } from './helpers/console-page';
import { typeWithIme } from './helpers/console-tools';

jest.setTimeout(420_000);

const OPENING = '{{salutation}}$t(greeting:hello_{{holiday}})，這裡是{{company}}，我是{{botNumber}}號客服人員，請問有什麼可以幫您？';
const WITHOUT_NUMBER = '{{salutation}}$t(greeting:hello_{{holiday}})，這裡是{{company}}，請問有什麼可以幫您？';

/** Types Chinese at the end of a field as an input method does. */
const imeAppend = (page: Page, field: Locator, pinyin: string, chosen: string) => typeWithIme(page, field, pinyin, chosen, { append: true });

/** Waits until the locator matches exactly `n` elements. */
const hasCount = (locator: Locator, n: number) => eventually(async () => (await locator.count()) === n, 10_000);

describe('the bot’s scripts in the browser: edit in zh-TW, try, publish, roll back', () => {
  let live: LiveService;
  const browser = new BrowserPages();

  async function newPage(label: string, locale = 'zh-TW'): Promise<Page> {
    return browser.newPage(label, { locale, viewport: { width: 1500, height: 900 } });
  }

  /** A new customer on the shop's page in Traditional Chinese: the bot's opening lines. */
  async function widgetGreeting(label: string): Promise<string> {
    const widget = new WidgetPage(await newPage(label));
    await widget.page.goto(`${live.baseUrl}/demo`);
    await widget.open();
    const bubble = await widget.waitFor('bot', '貴州飛滿天酒業');
    await snap(widget.page, label);
    const all = await widget.bubbles('bot').allTextContents();
    await bubble.page().context().close();
    return all.join('\n');
  }

  /** Opens the publish dialog, runs the tests and waits for the outcome (failures, or the dialog gone). */
  async function publish(page: Page, note: string): Promise<'published' | 'refused'> {
    await page.locator('.sc-bar .publish').click();
    const dialog = page.locator('.sc-publish');
    await imeAppend(page, dialog.locator('textarea[name=note]'), 'mianyun', note);
    await dialog.locator('.confirm-publish').click();
    const outcome = await Promise.race([
      dialog.locator('.sc-failures').waitFor({ timeout: 300_000 }).then(() => 'refused' as const),
      dialog.waitFor({ state: 'detached', timeout: 300_000 }).then(() => 'published' as const),
    ]);
    return outcome;
  }

  beforeAll(async () => {
    live = await startLiveService('e2e_console_scripts', { COMPANY_PROFILE: 'retail', COMPANY_NAME: '贵州飞满天酒业有限公司', BOT_CONTENT_POLL_SECONDS: '1' });
    await browser.launch();
  });

  afterAll(async () => {
    await browser.close();
    await live?.close();
  });

  it('takes a manager from an IME edit through a refused and a successful publish to a rollback', async () => {
    await createUser({ email: 'lin@example.com', name: '林經理', role: 'manager', password: 'manager-password-1' }, SYSTEM);
    const page = await newPage('manager');
    const console = new ConsolePage(page);
    await console.signIn(live.baseUrl, 'lin@example.com', 'manager-password-1');
    await page.locator('.topbar').waitFor();
    await page.locator('a[href="#/scripts"]').first().click();
    await page.locator('.sc-bar').waitFor();

    // 1. The greeting's wording in zh-TW: the bot number dropped (a test will catch it), a line typed with an IME.
    await page.goto(`${live.baseUrl}/console#/scripts/wording/greeting`);
    const opening = page.locator('.sc-wording tr[data-key="opening"] td[data-locale="zh-TW"] textarea');
    await opening.fill(WITHOUT_NUMBER);
    await imeAppend(page, opening, 'benzhouquanguanmianyun', '本週全館免運。');
    expect(await opening.inputValue()).toBe(`${WITHOUT_NUMBER}本週全館免運。`);
    await page.locator('.save-wording').click();
    await page.locator('.toast', { hasText: '已儲存到草稿' }).first().waitFor();

    // 2. A flow step: the opening says a second text, whose wording is missing until typed (the check names step and field).
    await page.goto(`${live.baseUrl}/console#/scripts/flows/greeting/opening`);
    const step = page.locator('.sc-step[data-step="opening"]');
    await step.locator('.add-text').click();
    await step.locator('input[name="text-1"]').fill('greeting:promo');
    const promo = step.locator('.sc-text-key[data-key="greeting:promo"]');
    await hasCount(promo.locator('.sc-locale.is-missing'), 3);
    await page.locator('.save-flow').click();
    const problem = page.locator('.sc-problem[data-step="opening"]').first();
    await problem.waitFor();
    expect(await problem.textContent()).toContain('text "greeting:promo" is missing in locale zh-CN, zh-TW, en');
    expect(await problem.getAttribute('data-field')).toBe('text.1');
    await snap(page, 'scripts-problem');
    await imeAppend(page, promo.locator('.sc-locale[data-locale="zh-TW"] textarea'), 'manqiansonglihe', '滿千送禮盒');
    await promo.locator('.sc-locale[data-locale="zh-CN"] textarea').fill('满千送礼盒');
    await promo.locator('.sc-locale[data-locale="en"] textarea').fill('A gift box with orders over ¥1000');
    await hasCount(promo.locator('.sc-locale.is-missing'), 0);
    await page.locator('.save-flow').click();
    await eventually(async () => (await page.locator('.sc-problem').count()) === 0, 15_000);
    const stored = JSON.parse(((await BotDraft.findById('retail').lean())!.parts as Record<string, string>)['wording:greeting']);
    expect(stored['zh-TW']).toMatchObject({ opening: `${WITHOUT_NUMBER}本週全館免運。`, promo: '滿千送禮盒' });

    // 3. Test as a customer, in zh-TW: the new lines, then an order whose step, values and intent show.
    await page.locator('select[name="try-locale"]').selectOption('zh-TW');
    await page.locator('.sc-try-line[data-author="bot"]', { hasText: '滿千送禮盒' }).waitFor({ timeout: 90_000 });
    expect(await page.locator('.sc-try-log').textContent()).toContain('本週全館免運');
    await imeAppend(page, page.locator('input[name="try-text"]'), 'woxiangdingliangpingtianchaoshangpin', '我想訂兩瓶天朝上品');
    await page.locator('input[name="try-text"]').press('Enter');
    const understood = page.locator('.sc-try-log [data-info="understood"]').last();
    await eventually(async () => (await understood.textContent())?.includes('order'), 30_000);
    expect(await page.locator('.sc-try-log [data-info="values"]').last().textContent()).toContain('sku=TCSP-500');
    await snap(page, 'scripts-try');

    // 4. Publishing is refused: a conversation test expects the bot number in the greeting.
    expect(await publish(page, '免運')).toBe('refused');
    const failures = page.locator('.sc-failure[data-file="greeting"]');
    expect(await failures.count()).toBeGreaterThan(0);
    expect(await failures.first().textContent()).toContain('我是001號客服人員');
    await snap(page, 'scripts-refused');
    await page.locator('.sc-publish .btn', { hasText: '取消' }).click();

    // 5. Fixed (the number back, the IME line kept) and published: the widget greets with it, no restart.
    await opening.page().goto(`${live.baseUrl}/console#/scripts/wording/greeting`);
    await opening.fill(`${OPENING}本週全館免運。`);
    await page.locator('.save-wording').click();
    await page.locator('.sc-bar .chip', { hasText: '草稿有改動' }).waitFor();
    expect(await publish(page, '免運')).toBe('published');
    await page.locator('.toast', { hasText: '第 2 版已發布' }).first().waitFor();
    const greeted = await widgetGreeting('widget-published');
    expect(greeted).toContain('我是001號客服人員，請問有什麼可以幫您？本週全館免運。');
    expect(greeted).toContain('滿千送禮盒');

    // 6. The versions: what changed, then a rollback to version 1 (a new version 3) brings the old greeting back.
    await page.goto(`${live.baseUrl}/console#/scripts/versions`);
    await page.locator('tr[data-version="2"] .diff-prev').click();
    const change = page.locator('.sc-diff-texts tr[data-key="greeting:opening"][data-locale="zh-TW"]');
    await change.waitFor();
    expect(await change.locator('.sc-ins').textContent()).toContain('本週全館免運');
    await snap(page, 'scripts-versions');
    await page.locator('tr[data-version="1"] .rollback').click();
    await imeAppend(page, page.locator('.reason-dialog textarea[name=reason]'), 'huodongjieshu', '活動結束');
    await page.locator('.reason-dialog button[type=submit]').click();
    await page.locator('tr[data-version="3"]', { hasText: '活動結束' }).waitFor();
    const back = await widgetGreeting('widget-rolled-back');
    expect(back).toContain('我是001號客服人員，請問有什麼可以幫您？');
    expect(back).not.toContain('本週全館免運');
    expect(back).not.toContain('滿千送禮盒');
    expect(browser.seenErrors()).toEqual([]);
  });
});

/**
 * Browser end-to-end: Chinese input (IME composition) in every kind of field of the script editor.
 * Each text field of each editor (a step of every kind, wording, catalogue, intents, FAQ, tests,
 * small talk, profile) gets pinyin composed into it and the characters committed, as an input
 * method does through Chromium's own IME path (CDP); the composition is never cut short or
 * overwritten, the committed text stays, and the editor sees the change.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, snap, watchErrors } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { ConsolePage } from './helpers/console-page';
import { BOSS } from '../helpers/service-config';

jest.setTimeout(300_000);

const PAGES = [
  'flows/order/quantity', // ask
  'flows/order/review', // confirm
  'flows/greeting/hours', // branch
  'flows/order/price', // action
  'flows/greeting/opening', // say
  'flows/greeting/done', // end
  'wording/order',
  'catalogue',
  'intents',
  'faq',
  'tests/order',
  'more/commonKnowledge',
  'more/profile',
];
/** Fields tried per page, spread over the page (a wording table has a thousand). */
const PER_PAGE = 10;
const FIELDS = '.sc-main input:not([type]), .sc-main input[type=text], .sc-main textarea';

/** Composes pinyin at the end of a field, checking the field shows it while composing; then commits. */
async function compose(page: Page, field: Locator, pinyin: string, chosen: string): Promise<{ during: string; after: string }> {
  await field.focus();
  await field.evaluate((el: HTMLInputElement | HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  const cdp = await page.context().newCDPSession(page);
  let during = '';
  try {
    for (let i = 1; i <= pinyin.length; i++) {
      const text = pinyin.slice(0, i);
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    // Let the editor re-render (state updates of the composing input) before looking.
    await page.waitForTimeout(30);
    during = await field.inputValue();
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.insertText', { text: chosen });
  } finally {
    await cdp.detach();
  }
  await page.waitForTimeout(30);
  return { during, after: await field.inputValue() };
}

describe('Chinese input in every field of the script editor', () => {
  let live: LiveService;
  let browser: Browser;

  beforeAll(async () => {
    live = await startLiveService('e2e_scripts_ime', { COMPANY_PROFILE: 'retail' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  it('keeps every composition and its committed characters, and the editor takes the change', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1500, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page, 'ime');
    await new ConsolePage(page).signIn(live.baseUrl, BOSS.email, BOSS.password);
    await page.locator('.topbar').waitFor();
    const tried: string[] = [];
    const broken: string[] = [];
    for (const where of PAGES) {
      await page.goto(`${live.baseUrl}/console#/scripts/${where}`);
      // The YAML editors load their text after the page.
      await page.locator(/^(tests|more)\//.test(where) ? '.sc-yaml-text' : FIELDS).first().waitFor();
      const count = await page.locator(FIELDS).count();
      const picks = [...new Set(Array.from({ length: Math.min(PER_PAGE, count) }, (_, i) => Math.floor((i * count) / Math.min(PER_PAGE, count))))];
      // Last first: a text key changed to nonsense hides the wording fields after it, never those before.
      for (const index of picks.reverse()) {
        const field = page.locator(FIELDS).nth(index);
        if (index >= (await page.locator(FIELDS).count()) || !(await field.isVisible())) continue;
        const before = await field.inputValue();
        const { during, after } = await compose(page, field, 'ceshi', '測試');
        const label = `${where} #${index} ${(await field.getAttribute('name')) ?? ''}`;
        tried.push(label);
        if (!during.endsWith('ceshi') || !after.endsWith('測試') || after.includes('ceshi') || !after.startsWith(before.trimEnd().slice(0, 20))) {
          broken.push(`${label}: during "${during.slice(-20)}", after "${after.slice(-20)}"`);
        }
      }
      const changed = (await page.locator('.chip', { hasText: '未儲存' }).count()) + (await page.locator('.save-yaml:not([disabled])').count());
      if (!changed) broken.push(`${where}: the editor did not take the change`);
      if (where === 'flows/order/quantity') await snap(page, 'scripts-ime-ask');
    }
    expect(broken).toEqual([]);
    expect(tried.length).toBeGreaterThan(80);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/**
 * The widget with the keyboard alone: Tab reaches the launcher, Enter opens the chat with the
 * focus in the input, the customer types and sends, picks a quick reply and an emoji, and Escape
 * (or the minimise button) closes it with the focus back on the launcher.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium, snap, watchErrors } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { focusedElement } from './helpers/widget-audit';

jest.setTimeout(120_000);

/**
 * Presses Tab (or Shift+Tab) until the focused element's class contains `name` (and its label
 * passes `label`); returns that label.
 */
async function tabTo(page: Page, name: string, options: { back?: boolean; label?: (label: string) => boolean } = {}): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const focused = await focusedElement(page);
    if (focused.name.split(' ').includes(name) && (!options.label || options.label(focused.label))) return focused.label;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached .${name} (at ${JSON.stringify(await focusedElement(page))})`);
}

/** Waits until the focus is on the element with class `name`. */
async function focusIsOn(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (cls) => (document.querySelector('kefu-widget')?.shadowRoot?.activeElement as HTMLElement | null)?.classList.contains(cls) === true,
    name,
    { timeout: 10000 },
  );
}

describe('the widget used with the keyboard only', () => {
  let live: LiveService;
  let browser: Browser;

  beforeAll(async () => {
    live = await startLiveService('e2e_widget_keyboard');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await live?.close();
  });

  it('opens, types, sends, picks a quick reply and an emoji, and closes', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page, 'keyboard');
    const widget = new WidgetPage(page);
    await page.goto(`${live.baseUrl}/demo`);
    await page.locator('kefu-widget').waitFor({ state: 'attached' });

    // Through the page's links to the launcher; Enter opens the chat with the focus in the input.
    await tabTo(page, 'kf-launcher');
    await snap(page, 'widget-keyboard-launcher');
    await page.keyboard.press('Enter');
    await widget.waitFor('bot', '安心家政');
    await focusIsOn(page, 'kf-input');

    // Type and send with Enter; the bot answers with the menu.
    const answered = await widget.bubbles('bot').count();
    await page.keyboard.type('菜单');
    await page.keyboard.press('Enter');
    await widget.waitFor('customer', '菜单');
    await widget.bubbles('bot').nth(answered).waitFor({ timeout: 15000 });
    await page.locator('.kf-chip').first().waitFor({ timeout: 15000 });
    expect(await page.locator('.kf-input').inputValue()).toBe('');
    await focusIsOn(page, 'kf-input');

    // A quick reply (not the hand-off): back from the input to the chips, Enter picks it.
    const chip = await tabTo(page, 'kf-chip', { back: true, label: (label) => !label.includes('人工') });
    await snap(page, 'widget-keyboard-chip');
    await page.keyboard.press('Enter');
    await widget.waitFor('customer', chip);

    // The emoji picker: opened from its button, arrows move, Enter inserts at the caret, Escape closes.
    await tabTo(page, 'kf-input');
    await page.keyboard.type('好的');
    await tabTo(page, 'kf-tool', { back: true });
    await page.keyboard.press('Enter');
    await focusIsOn(page, 'kf-emoji-cell');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await snap(page, 'widget-keyboard-emoji');
    const emoji = (await focusedElement(page)).label;
    expect(emoji).toBe('🙂');
    await page.keyboard.press('Enter');
    await focusIsOn(page, 'kf-input');
    expect(await page.locator('.kf-emoji').isVisible()).toBe(false);
    expect(await page.locator('.kf-input').inputValue()).toBe(`好的${emoji}`);
    await tabTo(page, 'kf-tool', { back: true });
    await page.keyboard.press('Enter');
    await focusIsOn(page, 'kf-emoji-cell');
    await page.keyboard.press('Escape');
    await focusIsOn(page, 'kf-tool');
    expect(await page.locator('.kf-emoji').isVisible()).toBe(false);
    expect(await widget.panel.isVisible()).toBe(true); // Escape closed the picker, not the chat
    await tabTo(page, 'kf-input');
    await page.keyboard.press('Enter');
    await widget.waitFor('customer', `好的${emoji}`);

    // Escape closes the chat and the focus goes back to the launcher; Enter opens it again.
    await page.keyboard.press('Escape');
    await widget.panel.waitFor({ state: 'hidden' });
    await focusIsOn(page, 'kf-launcher');
    await page.keyboard.press('Enter');
    await widget.panel.waitFor();
    await focusIsOn(page, 'kf-input');
    await snap(page, 'widget-keyboard-reopened');

    // The minimise button does the same.
    await tabTo(page, 'kf-icon-btn', { back: true });
    await page.keyboard.press('Enter');
    await widget.panel.waitFor({ state: 'hidden' });
    await focusIsOn(page, 'kf-launcher');
    expect(errors).toEqual([]);
    await context.close();
  });
});

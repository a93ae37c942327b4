/**
 * The widget on a phone: every control a finger presses is at least 44 × 44 px (the launcher,
 * the pre-chat form, quick replies, the composer, the emoji grid, the rating), texts keep their
 * contrast, and the day and time of messages show without hovering.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, snap, watchErrors } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { onlineAgent, type AgentApi } from './helpers/agent-api';
import { measureContrast, measureTouchTargets, settled } from './helpers/widget-audit';

jest.setTimeout(180_000);

const FINGER = 44;
const DAY_MS = 24 * 60 * 60 * 1000;

describe('the widget on a phone', () => {
  let live: LiveService;
  let browser: Browser;
  let agent: AgentApi;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  /** Every visible control at least 44 × 44 px, and at least `expected` of them on screen. */
  async function fingerSized(state: string, expected: number): Promise<void> {
    const targets = await measureTouchTargets(page);
    expect(targets.length).toBeGreaterThanOrEqual(expected);
    expect({ state, small: targets.filter((t) => t.width < FINGER || t.height < FINGER) }).toEqual({ state, small: [] });
  }

  async function readable(state: string): Promise<void> {
    const samples = await measureContrast(page);
    expect({ state, low: samples.filter((s) => s.ratio < 4.5) }).toEqual({ state, low: [] });
  }

  beforeAll(async () => {
    live = await startLiveService('e2e_widget_phone', { ASSIGNMENT_MODE: 'manual', WIDGET_PRECHAT_FORM: 'true' });
    agent = await onlineAgent(live.baseUrl, 'zhao@example.com', '赵敏');
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    page = await context.newPage();
    errors = watchErrors(page, 'phone');
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await live?.close();
  });

  it('gives every control a finger-sized target, from the pre-chat form to the rating', async () => {
    const widget = new WidgetPage(page);
    await page.goto(`${live.baseUrl}/demo`);
    await page.locator('.kf-launcher').waitFor();
    await fingerSized('launcher', 1);

    await page.locator('.kf-launcher').tap();
    const form = page.locator('.kf-prechat');
    await form.waitFor();
    await fingerSized('pre-chat form', 4); // close, name, phone, start
    await readable('pre-chat form');
    await snap(page, 'widget-phone-prechat');
    await form.locator('input[name=name]').fill('孙女士');
    await form.locator('button[type=submit]').tap();
    await widget.waitFor('bot', '安心家政');

    // Quick replies (29 px tall before), the composer and the header.
    await page.locator('.kf-chip').first().waitFor();
    await fingerSized('menu', 8);
    await readable('menu');
    // Times and the day are on screen (a phone has no hover).
    await page.locator('.kf-day', { hasText: '今天' }).waitFor();
    expect(await page.locator('.kf-time').first().isVisible()).toBe(true);
    expect(await page.locator('.kf-time').first().textContent()).toMatch(/^\d{2}:\d{2}$/);
    await snap(page, 'widget-phone-menu');

    await page.locator('.kf-tool').tap();
    await page.locator('.kf-emoji').waitFor();
    await fingerSized('emoji picker', 40);
    await page.locator('.kf-emoji-cell').first().tap();
    expect(await page.locator('.kf-input').inputValue()).toBe('😀');
    await page.locator('.kf-send').tap();
    await widget.waitFor('customer', '😀');

    // An agent serves and closes; the rating card's stars are finger-sized too.
    await widget.choose('转人工');
    await page.waitForFunction(() => document.querySelector('kefu-widget')?.shadowRoot?.querySelector('.kf-subtitle')?.textContent?.includes('转接'), null, { timeout: 15000 });
    const { conversationId } = await widget.session(live.baseUrl);
    await agent.claim(conversationId);
    await agent.reply(conversationId, '您好，我是赵敏，很高兴为您服务。');
    await widget.waitFor('agent', '赵敏');
    await agent.close(conversationId);
    await page.locator('.kf-rating').waitFor({ timeout: 15000 });
    await page.locator('.kf-rating').scrollIntoViewIfNeeded();
    await fingerSized('rating', 22); // close, 4 × 5 stars, submit
    await readable('rating');
    await snap(page, 'widget-phone-rating');
    await widget.rate({ overall: 5, speed: 4 });
    await fingerSized('rated', 2);
    await snap(page, 'widget-phone-rated');
    expect(errors).toEqual([]);
  });

  it('labels yesterday\'s messages with the day when the transcript is read the next day', async () => {
    await page.clock.setFixedTime(Date.now() + DAY_MS);
    await page.reload();
    const widget = new WidgetPage(page);
    await widget.open();
    await page.locator('.kf-day', { hasText: '昨天' }).waitFor({ timeout: 15000 });
    expect(await page.locator('.kf-day', { hasText: '今天' }).count()).toBe(0);
    await page.locator('.kf-day', { hasText: '昨天' }).scrollIntoViewIfNeeded();
    await settled(page);
    await snap(page, 'widget-phone-yesterday');
    expect(errors).toEqual([]);
  });
});

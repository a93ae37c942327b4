/**
 * What every customer should be able to read: the contrast of every text in the widget measured
 * in the browser (≥ 4.5:1) through a whole chat — the bot, the hand-off with its system lines,
 * the agent, the offline banner, the emoji picker, the rating — plus `lang`, Traditional-Chinese
 * fonts for zh-TW, the day and time of messages, and a rating with the overall score only.
 */
import type { Page } from 'playwright-core';
import { Conversation } from '../../src/domain/conversation/conversation.model';
import { BrowserPages, snap } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { onlineAgent, type AgentApi } from './helpers/agent-api';
import { measureContrast, renderedFonts, type ContrastSample } from './helpers/widget-audit';

jest.setTimeout(180_000);

const AA = 4.5;

describe('the widget for every reader', () => {
  let live: LiveService;
  const browser = new BrowserPages();
  let agent: AgentApi;

  async function customer(label: string, locale: string): Promise<{ page: Page; widget: WidgetPage }> {
    const page = await browser.newPage(label, { locale, viewport: { width: 1280, height: 860 } });
    return { page, widget: new WidgetPage(page) };
  }

  /** Measures the widget now and keeps the samples; fails with the offending texts. */
  async function audit(page: Page, state: string, seen: ContrastSample[]): Promise<void> {
    const samples = await measureContrast(page);
    expect(samples.length).toBeGreaterThan(0);
    expect({ state, low: samples.filter((s) => s.ratio < AA) }).toEqual({ state, low: [] });
    seen.push(...samples);
  }

  beforeAll(async () => {
    live = await startLiveService('e2e_widget_a11y', { ASSIGNMENT_MODE: 'manual' });
    agent = await onlineAgent(live.baseUrl, 'wang@example.com', '王小明');
    await browser.launch();
  });

  afterAll(async () => {
    await browser.close();
    await live?.close();
  });

  afterEach(() => expect(browser.seenErrors()).toEqual([]));

  it('keeps every text at 4.5:1 or more through a whole chat, and takes a rating with the overall score only', async () => {
    const { page, widget } = await customer('customer', 'zh-CN');
    const seen: ContrastSample[] = [];
    await page.goto(`${live.baseUrl}/demo`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');
    expect(await page.locator('kefu-widget').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.kf').getAttribute('lang')).toBe('zh-CN');

    // Day and time are on screen, not in a tooltip.
    await page.locator('.kf-day', { hasText: '今天' }).waitFor();
    expect(await page.locator('.kf-row[data-author="bot"] .kf-time').first().textContent()).toMatch(/^\d{2}:\d{2}$/);
    await audit(page, 'greeting', seen);

    await widget.say('菜单');
    await page.locator('.kf-chip').first().waitFor();
    await audit(page, 'menu', seen);

    // Offline: the banner and a queued message.
    await page.context().setOffline(true);
    await page.locator('.kf-banner').waitFor();
    await widget.say('稍等一下');
    await page.locator('.kf-meta', { hasText: '等待发送' }).waitFor();
    await audit(page, 'offline', seen);
    await page.context().setOffline(false);
    await page.locator('.kf-banner').waitFor({ state: 'hidden', timeout: 20000 });

    // The hand-off: the system line naming the agent, then the agent's reply.
    await widget.choose('转人工');
    await page.waitForFunction(() => document.querySelector('kefu-widget')?.shadowRoot?.querySelector('.kf-subtitle')?.textContent?.includes('转接'), null, { timeout: 15000 });
    const { conversationId } = await widget.session(live.baseUrl);
    await agent.claim(conversationId);
    await page.locator('.kf-system', { hasText: `王小明（${agent.agentNumber}号` }).waitFor({ timeout: 15000 });
    await agent.reply(conversationId, '您好，我是王小明，请问有什么可以帮您？');
    await widget.waitFor('agent', '请问有什么可以帮您');
    await page.locator('.kf-input').fill('我家的阿姨明天能早点来吗');
    await audit(page, 'agent', seen);
    await snap(page, 'widget-a11y-agent');

    await page.locator('.kf-tool').click();
    await page.locator('.kf-emoji').waitFor();
    await audit(page, 'emoji picker', seen);
    await page.keyboard.press('Escape');

    // The agent closes: the rating request, the rating card; overall is the one required score.
    await agent.close(conversationId);
    const form = page.locator('.kf-rating');
    await form.waitFor({ timeout: 15000 });
    await form.locator('button[type=submit]').click();
    await form.locator('.kf-error', { hasText: '总体满意度' }).waitFor();
    await audit(page, 'rating refused', seen);
    await snap(page, 'widget-a11y-rating');
    await widget.rate({ overall: 4 });
    await audit(page, 'rated', seen);
    await snap(page, 'widget-a11y-rated');
    const stored = await Conversation.findById(conversationId).lean();
    expect(stored?.rating).toMatchObject({ overall: 4 });
    expect(stored?.rating).not.toHaveProperty('attitude');
    expect(stored?.rating).not.toHaveProperty('speed');
    expect(stored?.rating).not.toHaveProperty('resolution');

    // The texts the issue found at 2.7:1 were among those measured.
    const texts = seen.map((s) => s.text).join('\n');
    for (const text of ['为您服务', '评价', '网络已断开', '等待发送', '今天', '请输入您的问题', '发送']) expect(texts).toContain(text);
    const worst = seen.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    process.stdout.write(`widget contrast: ${seen.length} texts measured, lowest ${worst.ratio}:1 ("${worst.text}", ${worst.color} on ${worst.background})\n`);
  });

  it('speaks Traditional Chinese with TC fonts under zh-TW, and Simplified with SC fonts under zh-CN', async () => {
    const tw = await customer('zh-TW', 'zh-TW');
    await tw.page.goto(`${live.baseUrl}/demo`);
    await tw.widget.open();
    await tw.widget.waitFor('bot', '安心家政');
    expect(await tw.page.locator('.kf').getAttribute('lang')).toBe('zh-TW');
    const family = await tw.page.locator('.kf').evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family.split(',')[0]).toMatch(/TC/);
    expect((await renderedFonts(tw.page, '.kf-subtitle'))[0]).toBe('Noto Sans CJK TC');
    expect((await renderedFonts(tw.page, '.kf-row[data-author="bot"] .kf-bubble'))[0]).toBe('Noto Sans CJK TC');
    await audit(tw.page, 'zh-TW', []);
    await snap(tw.page, 'widget-zh-TW');

    const cn = await customer('zh-CN', 'zh-CN');
    await cn.page.goto(`${live.baseUrl}/demo`);
    await cn.widget.open();
    await cn.widget.waitFor('bot', '安心家政');
    expect((await renderedFonts(cn.page, '.kf-subtitle'))[0]).toBe('Noto Sans CJK SC');
  });

  it('keeps text on a light accent colour (data-color) readable', async () => {
    const { page, widget } = await customer('light accent', 'zh-CN');
    // A page of the test's own on the service's origin, embedding the widget with a pale yellow.
    await page.route(`${live.baseUrl}/light-accent.html`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body><h1>店铺</h1><script src="/widget.js" data-color="#ffd84d" async></script></body></html>' }),
    );
    await page.goto(`${live.baseUrl}/light-accent.html`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');
    await widget.say('菜单');
    await page.locator('.kf-chip').first().waitFor();
    await audit(page, 'light accent', []);
    await snap(page, 'widget-light-accent');
  });
});

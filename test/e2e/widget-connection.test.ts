/**
 * The widget's connection banner follows the real state of the line: after a blip of the network
 * "网络已断开" goes away as soon as the socket (or REST polling) answers again, and never stays up
 * while messages flow. Three kinds of blip: the socket's TCP connection survives it, the socket
 * is dropped and reconnects, and the socket is blocked so the widget polls.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { BrowserPages, snap } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';

jest.setTimeout(180_000);

const OFFLINE = '网络已断开';

describe('the widget after a blip of the network', () => {
  let live: LiveService;
  const browser = new BrowserPages();

  async function customer(label: string, block?: 'socket'): Promise<{ page: Page; widget: WidgetPage; context: BrowserContext }> {
    const { page, context } = await browser.open(label, { locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    if (block === 'socket') await context.route('**/socket.io/**', (route) => route.abort());
    return { page, widget: new WidgetPage(page), context };
  }

  const banner = (page: Page) => page.locator('.kf-banner');
  const offlineBanner = (page: Page) => banner(page).filter({ hasText: OFFLINE });

  beforeAll(async () => {
    live = await startLiveService('e2e_widget_connection');
    await browser.launch();
  });

  afterAll(async () => {
    await browser.close();
    await live?.close();
  });

  afterEach(() => expect(browser.seenErrors()).toEqual([]));

  it('drops the banner when messages flow on a socket that outlived the blip, and when the network is back', async () => {
    // engine.io-client closes its transport on the browser's `offline` event except on localhost;
    // there the socket stays up through the blip, as a TCP connection does in a short real one.
    const { page, widget, context } = await customer('survivor');
    let sockets = 0;
    let lastEventAt = Date.now();
    // The socket starts on long-polling and moves to a WebSocket ("5" = upgrade done).
    const upgraded = new Promise<void>((resolve) =>
      page.on('websocket', (ws) => {
        sockets++;
        ws.on('framesent', (frame) => frame.payload === '5' && resolve());
        // Any socket.io event (not engine.io's ping "2" / pong "3") proves the line to the widget.
        ws.on('framereceived', (frame) => {
          if (frame.payload !== '2' && frame.payload !== '3') lastEventAt = Date.now();
        });
      }),
    );
    // The bot's last words (a menu, a state change) arriving after the blip would rightly take the
    // banner down at once: go offline only once the chat has been quiet for a second.
    const quiet = async () => {
      while (Date.now() - lastEventAt < 1000) await page.waitForTimeout(200);
    };
    await page.goto(`${live.baseUrl.replace('127.0.0.1', 'localhost')}/demo`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');
    await upgraded;
    await quiet();

    // A blip with nothing said: the browser's `online` is checked with a request, and the banner goes.
    await context.setOffline(true);
    await offlineBanner(page).waitFor();
    await snap(page, 'widget-blip-offline');
    await context.setOffline(false);
    await banner(page).waitFor({ state: 'hidden', timeout: 10000 });
    const replies = await widget.bubbles('bot').count();
    await widget.say('菜单');
    await widget.bubbles('bot').nth(replies).waitFor({ timeout: 15000 });
    expect(await banner(page).isVisible()).toBe(false);

    // The REST API unreachable after the blip (so that check fails), the socket still up: the
    // next message goes through on it, and that alone takes the banner down.
    await quiet();
    await context.route('**/api/v1/client/**', (route) => route.abort());
    await context.setOffline(true);
    await offlineBanner(page).waitFor();
    const probeFailed = page.waitForEvent('requestfailed', { predicate: (r) => r.url().includes('/api/v1/client/'), timeout: 10000 });
    await context.setOffline(false);
    await probeFailed;
    const more = await widget.bubbles('bot').count();
    await widget.say('我要投诉');
    await widget.bubbles('bot').nth(more).waitFor({ timeout: 15000 });
    await banner(page).waitFor({ state: 'hidden', timeout: 5000 });
    await context.unroute('**/api/v1/client/**');
    expect(sockets).toBe(1); // the same socket carried everything
    await snap(page, 'widget-blip-survived');
  });

  it('drops the banner once a dropped socket reconnects, and sends what was typed meanwhile once', async () => {
    const { page, widget, context } = await customer('reconnect');
    await page.goto(`${live.baseUrl}/demo`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');

    const answered = await widget.bubbles('bot').count();
    await context.setOffline(true);
    await offlineBanner(page).waitFor();
    await widget.say('你们几点上班');
    await page.locator('.kf-row[data-author="customer"] .kf-meta', { hasText: '等待发送' }).waitFor();
    await context.setOffline(false);
    await banner(page).waitFor({ state: 'hidden', timeout: 20000 });
    await page.locator('.kf-row[data-author="customer"] .kf-meta').first().waitFor({ state: 'detached', timeout: 20000 });
    await widget.bubbles('bot').nth(answered).waitFor({ timeout: 15000 });
    expect(await widget.bubbles('customer').filter({ hasText: '你们几点上班' }).count()).toBe(1);
    expect(await banner(page).isVisible()).toBe(false);
    await snap(page, 'widget-blip-reconnected');
  });

  it('drops the banner when polling answers again (socket blocked)', async () => {
    const { page, widget, context } = await customer('polling', 'socket');
    await page.goto(`${live.baseUrl}/demo`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');

    await context.setOffline(true);
    await offlineBanner(page).waitFor();
    await snap(page, 'widget-blip-polling-offline');
    await context.setOffline(false);
    await banner(page).waitFor({ state: 'hidden', timeout: 10000 });
    await widget.say('菜单');
    await page.locator('.kf-chip').first().waitFor({ timeout: 20000 });
    expect(await banner(page).isVisible()).toBe(false);
    await snap(page, 'widget-blip-polling-back');
  });
});

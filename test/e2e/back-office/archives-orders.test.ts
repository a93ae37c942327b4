/**
 * Browser end-to-end, archives and orders: a contract 15 days from its end is on the renewal list;
 * a domestic worker goes on duty with a customer and back, each change a line of the movement log;
 * an agent ships an order and the customer reads the courier and tracking number in their chat.
 */
import type { Browser } from 'playwright-core';
import { Contract, Conversation, Customer } from '../../../src/domain/models';
import { createOrder } from '../../../src/domain/order/order.service';
import { eventually } from '../../helpers/live-chat';
import { launchChromium, snap } from '../helpers/browser';
import { startLiveService, type LiveService } from '../helpers/live-service';
import { WidgetPage } from '../helpers/widget-page';
import { Contexts, consoleUser, openPage } from '../helpers/back-office';

jest.setTimeout(240_000);
const DAY = 86400_000;

describe('archives and orders in the console', () => {
  let live: LiveService;
  let browser: Browser;
  const contexts = new Contexts(() => browser);
  let agentUser: Awaited<ReturnType<typeof consoleUser>>;

  beforeAll(async () => {
    live = await startLiveService('e2e_bo_archives');
    browser = await launchChromium();
    agentUser = await consoleUser('档案员小林', 'agent', 'lin@example.com');
  });
  afterAll(async () => {
    await contexts.close();
    await browser?.close().catch(() => undefined);
    await live?.close();
  });
  afterEach(() => expect(contexts.errors.flat()).toEqual([]));

  it('shows a contract 15 days from its end on the renewal list, not one 60 days away', async () => {
    const customer = await Customer.create({ name: '欧阳女士', phone: '+8613812340000' });
    await Contract.create({ number: 'HT-2025-015', customer: customer._id, store: '观山湖店', start: new Date(Date.now() - 350 * DAY), end: new Date(Date.now() + 15 * DAY - 3600_000), amountFen: 4800000, serviceAddress: '贵阳市观山湖区长岭南路 8 号' });
    await Contract.create({ number: 'HT-2025-060', customer: customer._id, start: new Date(Date.now() - 300 * DAY), end: new Date(Date.now() + 60 * DAY), amountFen: 3600000 });
    const agent = await contexts.console(live.baseUrl, agentUser);
    const p = agent.page;
    await p.locator('.nav a[href="#/archives"]').click();
    await p.locator('.bo-tab[data-tab="renewals"]').click();
    const row = p.locator('.contract-row[data-number="HT-2025-015"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('剩余 15 天');
    await expect(p.locator('.contract-row[data-number="HT-2025-060"]').count()).resolves.toBe(0);
    await row.click();
    await p.locator('.contract-detail .bo-facts', { hasText: '长岭南路' }).waitFor();
    await snap(p, 'bo-renewal-list');
  });

  it('records a worker’s status changes in the movement log', async () => {
    await Customer.create({ name: '吴先生', phone: '+8613512345678' });
    const agent = await contexts.console(live.baseUrl, agentUser);
    const p = agent.page;
    await openPage(p, '#/archives/workers');
    await p.locator('.archives .bo-toolbar .btn.primary').click();
    const form = p.locator('.bo-worker-form');
    await form.locator('input[name=name]').fill('刘阿姨');
    await form.locator('input[name=phone]').fill('139 0000 1111');
    await form.locator('input[name=idNumber]').fill('52010219800101123x');
    await form.locator('input[name=store]').fill('观山湖店');
    await form.locator('input[name=skills]').fill('育儿、做饭');
    await form.locator('button[type=submit]').click();
    const row = p.locator('.worker-row', { hasText: '刘阿姨' });
    await row.click();
    const detail = p.locator('.worker-detail');
    await detail.locator('select[name=to]').selectOption('on_duty');
    await detail.locator('input[name=customerSearch]').fill('吴先生');
    await detail.locator('.bo-picks button', { hasText: '吴先生' }).click();
    await detail.locator('input[name=moveNote]').fill('住家，照顾老人');
    await detail.locator('.bo-status-form button[type=submit]').click();
    await p.locator('.worker-detail[data-status="on_duty"]').waitFor();
    await detail.locator('select[name=to]').selectOption('returned');
    await detail.locator('input[name=moveNote]').fill('合同到期返回门店');
    await detail.locator('.bo-status-form button[type=submit]').click();
    await p.locator('.worker-detail[data-status="returned"]').waitFor();
    const lines = await p.locator('.movement-log tbody tr').allTextContents();
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('新到 → 上岗');
    expect(lines[1]).toContain('吴先生');
    expect(lines[2]).toContain('上岗 → 返回');
    await snap(p, 'bo-movement-log');
  });

  it('ships an order in the console and the customer reads the tracking number in their chat', async () => {
    const customerPage = await contexts.page('customer');
    const widget = new WidgetPage(customerPage);
    await customerPage.goto(`${live.baseUrl}/demo`);
    await widget.open();
    await widget.waitFor('bot', '安心家政');
    await widget.say('你好');
    const { conversationId } = await eventually(() => widget.session(live.baseUrl));
    const conversation = await Conversation.findById(conversationId).lean();
    const order = await createOrder(
      { customer: String(conversation!.customer), conversation: conversationId, source: 'agent', channel: 'web', items: [{ sku: 'CLEAN-4H', product: '日常保洁 4 小时', quantity: 1, unitPriceFen: 20000 }], recipient: { name: '钱女士', phone: '+8613912345678', isCustomer: true }, address: '贵阳市观山湖区金阳大道 1 号', payment: 'cod' },
      { type: 'system', name: 'test' },
    );
    const agent = await contexts.console(live.baseUrl, agentUser);
    const p = agent.page;
    await p.locator('.nav a[href="#/orders"]').click();
    await p.locator(`.order-row[data-id="${order._id}"]`).click();
    await p.locator('.order-detail .bo-moves button[data-to="shipped"]').click();
    const dialog = p.locator('.ship-dialog');
    await dialog.locator('input[name=courier]').fill('圆通速递');
    await dialog.locator('input[name=trackingNumber]').fill('YT1234567890');
    await snap(p, 'bo-order-ship-dialog');
    await dialog.locator('button[type=submit]').click();
    await p.locator('.order-detail[data-status="shipped"] .order-notifications li', { hasText: '聊天' }).waitFor();
    const told = await widget.waitFor('bot', 'YT1234567890');
    expect(await told.textContent()).toContain('圆通速递');
    await snap(customerPage, 'bo-order-tracking-in-chat');
    await snap(p, 'bo-order-shipped');
  });
});

/**
 * Browser end-to-end, the complaint procedure: an agent and a manager walk a general complaint
 * through every state to closed, with a penalty slip acknowledged and signed off; a serious
 * complaint alerts the managers at once and, on a fixed clock, its 24-hour deadline brings the
 * handler a reminder and the managers an escalation. Debian's Chromium; screenshots in test-artifacts/e2e/.
 */
import type { Browser } from 'playwright-core';
import { Complaint, Customer, Staff } from '../../../src/domain/models';
import { complaintDeadlinesJob } from '../../../src/jobs/complaint-deadlines.job';
import { createComplaint, updateComplaint } from '../../../src/domain/complaint/complaint.service';
import { launchChromium, snap } from '../helpers/browser';
import { startLiveService, type LiveService } from '../helpers/live-service';
import { Contexts, consoleUser, openPage } from '../helpers/back-office';
import { BOSS } from '../../helpers/service-config';

jest.setTimeout(240_000);

describe('complaints in the console: the whole procedure, penalty slips, deadlines and alerts', () => {
  let live: LiveService;
  let browser: Browser;
  const contexts = new Contexts(() => browser);
  let customerId = '';
  let workerId = '';

  beforeAll(async () => {
    live = await startLiveService('e2e_bo_complaints');
    browser = await launchChromium();
    customerId = String((await Customer.create({ name: '钱女士', phone: '+8613912345678' }))._id);
    workerId = String((await Staff.create({ name: '张阿姨', phone: '+8613700001111', store: '观山湖店' }))._id);
  });
  afterAll(async () => {
    await contexts.close();
    await browser?.close().catch(() => undefined);
    await live?.close();
  });
  afterEach(() => expect(contexts.errors.flat()).toEqual([]));

  it('walks a general complaint from accepted to closed and signs a penalty slip off', async () => {
    const agentUser = await consoleUser('周晓', 'agent', 'zhou@example.com');
    const managerUser = await consoleUser('客服经理', 'manager', 'manager@example.com');
    const complaint = await Complaint.create({ customer: customerId, channel: 'web', severity: 'general', category: 'attitude', description: '阿姨态度很差，说话很冲', number: 'C202507010001', assignee: agentUser.id, statusHistory: [{ to: 'accepted' }] });
    const agent = await contexts.console(live.baseUrl, agentUser);
    const manager = await contexts.console(live.baseUrl, managerUser);
    const a = agent.page;
    const m = manager.page;
    await a.locator('.nav a[href="#/complaints"]').click();
    const row = a.locator(`.complaint-row[data-id="${complaint._id}"]`);
    await row.waitFor();
    await expect(row.locator('.countdown').textContent()).resolves.toMatch(/剩余 2[34]小时/);
    await row.click();
    const detail = a.locator('.complaint-detail');
    const step = (name: string) => detail.locator(`form[data-step="${name}"]`);

    await step('judge').locator('input[value="yes"]').check();
    await step('judge').locator('button[type=submit]').click();
    await detail.locator('[data-status="investigating"]').or(a.locator('.complaint-detail[data-status="investigating"]')).first().waitFor();
    await step('investigate').locator('textarea[name=cause]').fill('阿姨当天情绪不好，对客户语气生硬');
    await step('investigate').locator('input[name=store]').fill('观山湖店');
    await step('investigate').locator('select[name=staff]').selectOption(workerId);
    await step('investigate').locator('button[type=submit]').click();
    await step('propose').locator('textarea[name=resolution]').fill('门店经理登门道歉，赠送小礼品；对责任人罚款 50 元');
    await step('propose').locator('button[type=submit]').click();
    await a.locator('.complaint-detail[data-status="proposed"]').waitFor();
    // The agent cannot approve; the manager does.
    await expect(step('approve').count()).resolves.toBe(0);
    await snap(a, 'bo-complaint-proposed');
    await openPage(m, `#/complaints/${complaint._id}`);
    await m.locator('.complaint-detail form[data-step="approve"] button[type=submit]').click();
    await m.locator('.complaint-detail[data-status="approved"]').waitFor();

    await a.reload();
    await step('inform').locator('textarea[name=text]').fill('已电话告知客户处理结果并致歉');
    await step('inform').locator('button[type=submit]').click();
    await step('followUp').locator('select[name=score]').selectOption('4');
    await step('followUp').locator('button[type=submit]').click();
    await a.locator('.complaint-detail[data-status="followed_up"]').waitFor();

    // 职员处罚单: issued by the agent, the worker's signature on paper recorded, signed off by the admin (no general manager named).
    const slips = detail.locator('.bo-penalties');
    await slips.locator('select[name=who]').selectOption(workerId);
    await slips.locator('input[name=amount]').fill('50');
    await slips.locator('input[name=reason]').fill('服务态度差，客户投诉');
    await slips.locator('.bo-penalty-form button[type=submit]').click();
    await slips.locator('.bo-slip.status-issued').waitFor();
    await slips.locator('.bo-slip button', { hasText: '登记纸质签字' }).click();
    await slips.locator('.bo-slip.status-acknowledged').waitFor();

    await openPage(m, `#/complaints/${complaint._id}`);
    await m.reload();
    await m.locator('.complaint-detail form[data-step="close"] textarea[name=summary]').fill('服务态度问题，已处理');
    await m.locator('.complaint-detail form[data-step="close"] textarea[name=improvement]').fill('加强阿姨服务礼仪培训');
    await m.locator('.complaint-detail form[data-step="close"] button[type=submit]').click();
    await m.locator('.complaint-detail[data-status="closed"]').waitFor();

    const boss = await contexts.console(live.baseUrl, BOSS);
    await openPage(boss.page, `#/complaints/${complaint._id}`);
    await boss.page.locator('.bo-slip.status-acknowledged button', { hasText: '总经理签字' }).click();
    await boss.page.locator('.bo-slip.status-signed').waitFor();
    await expect(boss.page.locator('.complaint-detail .bo-history li').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('已受理'), expect.stringContaining('调查中'), expect.stringContaining('已审批'), expect.stringContaining('已结案')]),
    );
    await snap(boss.page, 'bo-complaint-closed-with-penalty');
    const stored = await Complaint.findById(complaint._id).lean();
    expect(stored!.statusHistory.map((h) => h.to)).toEqual(['accepted', 'investigating', 'investigated', 'proposed', 'approved', 'informed', 'followed_up', 'closed']);
    // The deduction sheet of the month shows the worker's 50 yuan.
    await openPage(boss.page, '#/complaints/deductions');
    await boss.page.locator('.deductions .bo-table td', { hasText: '张阿姨' }).waitFor();
    await expect(boss.page.locator('.deductions .bo-total .fine').textContent()).resolves.toBe('¥50.00');
    await snap(boss.page, 'bo-deduction-sheet');
  });

  it('a serious complaint alerts managers at once; on a fixed clock its deadline reminds the handler, then escalates', async () => {
    const agentUser = await consoleUser('陈晨', 'agent', 'chen@example.com');
    const managerUser = await consoleUser('值班经理', 'manager', 'duty@example.com');
    const agent = await contexts.console(live.baseUrl, agentUser);
    const manager = await contexts.console(live.baseUrl, managerUser);
    await manager.page.locator('.nav a[href="#/complaints"]').click();
    await agent.page.locator('.nav a[href="#/complaints"]').click();
    // The bot accepts it from the chat: the managers see an alert at once, wherever they are.
    // Its clock: accepted 26 hours ago, so the deadline runs out on the fixed clocks below and is past now.
    const t0 = new Date(Date.now() - 26 * 3600_000);
    const created = await createComplaint({ customer: customerId, channel: 'web', severity: 'serious', category: 'theft', description: '家里的金项链不见了，怀疑阿姨拿走' }, { type: 'bot', name: 'bot' }, t0);
    const id = String(created._id);
    await updateComplaint(id, { assignee: agentUser.id }, { type: 'bot', name: 'bot' });
    const toast = manager.page.locator('.toast.alert', { hasText: '严重投诉' });
    await toast.waitFor();
    // The open list reloads on the notice: the new complaint is there, serious ones first.
    await manager.page.locator(`.complaint-row[data-id="${id}"]`).waitFor();
    await snap(manager.page, 'bo-serious-alert');
    await toast.locator('button', { hasText: '查看' }).click();
    await manager.page.locator(`.complaint-detail[data-id="${id}"]`).waitFor();

    // On a fixed clock: 23 h after intake the handler is reminded; after 25 h the managers are alerted and the list shows it overdue.
    const at = (hours: number) => complaintDeadlinesJob({ remindMinutes: 120, now: () => new Date(t0.getTime() + hours * 3600_000) });
    await at(23).run({}, undefined as never);
    await agent.page.locator('.toast', { hasText: '即将超时' }).waitFor();
    await snap(agent.page, 'bo-deadline-reminder');
    await at(24.5).run({}, undefined as never);
    await at(25).run({}, undefined as never);
    await manager.page.locator('.toast.alert', { hasText: '已超时' }).waitFor();
    await manager.page.reload();
    await manager.page.locator('.tab, .bo-tab').first().waitFor();
    await manager.page.locator('.bo-tab[data-tab="overdue"]').click();
    const row = manager.page.locator(`.complaint-row.is-overdue[data-id="${id}"]`);
    await row.waitFor();
    await expect(row.locator('.countdown.is-over').textContent()).resolves.toContain('已超时');
    await manager.page.locator(`.complaint-detail[data-id="${id}"] .chip`, { hasText: '已升级' }).waitFor();
    await snap(manager.page, 'bo-deadline-escalated');
  });
});

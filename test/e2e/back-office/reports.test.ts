/**
 * Browser end-to-end, reports: the dashboard draws its charts from seeded data (filters by period,
 * channel and agent); on the 1st at a fixed clock the job writes last month's complaint analysis,
 * which a manager opens and downloads as XLSX and CSV with the Chinese intact.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { Types } from 'mongoose';
import { Complaint, Conversation, Customer, Lead } from '../../../src/domain/models';
import { monthlyReportsJob } from '../../../src/jobs/monthly-reports.job';
import { recordMetric } from '../../../src/domain/report/metrics.service';
import { parseBusinessHours } from '../../../src/core/calendar/business-hours';
import { launchChromium, snap } from '../helpers/browser';
import { startLiveService, type LiveService } from '../helpers/live-service';
import { Contexts, consoleUser, openPage } from '../helpers/back-office';

jest.setTimeout(240_000);
const DAY = 86400_000;
const CHANNELS = ['web', 'wecom', 'wechat-mp', 'onebot', 'telegram'];

describe('reports in the console', () => {
  let live: LiveService;
  let browser: Browser;
  const contexts = new Contexts(() => browser);
  let manager: Awaited<ReturnType<typeof consoleUser>>;

  beforeAll(async () => {
    live = await startLiveService('e2e_bo_reports');
    browser = await launchChromium();
    manager = await consoleUser('报表经理', 'manager', 'reports@example.com');
    const agents = [await consoleUser('客服甲', 'agent', 'a1@example.com'), await consoleUser('客服乙', 'agent', 'a2@example.com')];
    const customer = await Customer.create({ name: '报表客户', phone: '+8613600000000' });
    const sla = { hours: parseBusinessHours('mon-sun 00:00-24:00'), firstResponseSeconds: 60, resolutionSeconds: 1800 };
    // Four weeks of chats: more in the afternoon, a third handed off, half of those rated.
    for (let i = 0; i < 240; i++) {
      const createdAt = new Date(Date.now() - (i % 28) * DAY - ((i * 37) % 10) * 3600_000 - 60_000);
      const handed = i % 3 === 0;
      const agent = agents[i % 2];
      const c = await Conversation.create({
        channel: CHANNELS[i % CHANNELS.length], customer: customer._id, conversationKey: `r${i}`, externalUserId: `r${i}`, openKey: `closed:r${i}`, status: 'closed', createdAt, closedAt: new Date(createdAt.getTime() + 20 * 60_000),
        ...(handed ? { waitingSince: new Date(createdAt.getTime() + 30_000), firstHumanResponseAt: new Date(createdAt.getTime() + 30_000 + (i % 5) * 20_000), assignee: new Types.ObjectId(agent.id) } : {}),
        ...(handed && i % 2 === 0 ? { rating: { overall: 3 + (i % 3), attitude: 4, speed: 3 + (i % 2), resolution: 4, at: new Date(createdAt.getTime() + 21 * 60_000) } } : {}),
      });
      await recordMetric(c._id, sla);
    }
    for (let i = 0; i < 30; i++) await Lead.create({ customer: customer._id, need: '咨询住家保姆', sourceChannel: CHANNELS[i % 3], status: ['new', 'assigned', 'contacted', 'signed', 'lost'][i % 5], createdAt: new Date(Date.now() - (i % 20) * DAY), lostReason: 'x' });
    const categories = ['attitude', 'delivery', 'quality', 'damage'];
    for (let i = 0; i < 12; i++) await Complaint.create({ customer: customer._id, channel: 'web', severity: i % 4 ? 'general' : 'serious', category: categories[i % 4], description: `投诉内容 ${i}`, createdAt: new Date(Date.now() - (i % 20) * DAY) });
  });
  afterAll(async () => {
    await contexts.close();
    await browser?.close().catch(() => undefined);
    await live?.close();
  });
  afterEach(() => expect(contexts.errors.flat()).toEqual([]));

  it('draws the dashboard’s charts from the period’s figures and follows the filters', async () => {
    // The manager's browser is in the company's time zone: the default period is the browser's
    // last 30 days, and the figures count the company's days (in UTC, between 16:00 and midnight
    // the browser's today is the company's yesterday, and that evening's chats fall outside).
    const c = await contexts.console(live.baseUrl, manager, 'zh-CN', undefined, 'Asia/Shanghai');
    const p = c.page;
    await p.locator('.nav a[href="#/reports"]').click();
    for (const chart of ['by-day', 'by-channel', 'by-hour', 'lead-funnel', 'complaints-by-category', 'csat']) await p.locator(`.bo-chart[data-chart="${chart}"][data-ready="true"] canvas`).waitFor();
    await expect(p.locator('.bo-kpi[data-kpi="conversations"] .bo-kpi-value').textContent()).resolves.toBe('240');
    await expect(p.locator('.bo-kpi[data-kpi="handedOff"] .bo-kpi-value').textContent()).resolves.toBe('80');
    // Something is drawn on the canvas (not a blank chart).
    const painted = await p.locator('.bo-chart[data-chart="by-day"] canvas').evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && !(data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240)) coloured++;
      return coloured;
    });
    expect(painted).toBeGreaterThan(500);
    await snap(p, 'bo-dashboard');
    await p.locator('select[name=channel]').selectOption('wecom');
    await p.locator('.bo-kpi[data-kpi="conversations"] .bo-kpi-value', { hasText: '48' }).waitFor();
    await p.setViewportSize({ width: 1440, height: 1800 });
    await snap(p, 'bo-dashboard-wecom');
  });

  it('on the 1st at a fixed clock the job writes last month’s complaint analysis; it opens and downloads as XLSX and CSV with Chinese intact', async () => {
    const now = new Date();
    const firstOfMonth = new Date(now.getFullYear(), now.getMonth(), 1, 7, 0, 0);
    // Last month's complaints, at a day inside it.
    const lastMonthDay = new Date(firstOfMonth.getTime() - 10 * DAY);
    const customer = await Customer.findOne({});
    await Complaint.create({ customer: customer!._id, channel: 'wecom', severity: 'serious', category: 'damage', description: '阿姨打碎了花瓶，要求赔偿', createdAt: lastMonthDay, number: 'C209901010001', status: 'closed', justified: true, closedAt: new Date(lastMonthDay.getTime() + DAY), summary: { text: '已先行赔付' } });
    await monthlyReportsJob(() => firstOfMonth).run({}, undefined as never);
    const c = await contexts.console(live.baseUrl, manager);
    const p = c.page;
    await openPage(p, '#/reports/documents');
    const row = p.locator('.document-row[data-kind="complaint-monthly"]');
    await row.waitFor();
    await row.click();
    await p.locator('.report-document .bo-cases td', { hasText: '阿姨打碎了花瓶' }).waitFor();
    await snap(p, 'bo-monthly-complaint-report');

    const [xlsx] = await Promise.all([p.waitForEvent('download'), p.locator('.report-document .download-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^complaint-monthly-\d{4}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    const values = book.getWorksheet('投诉事故处理统计表')!.getSheetValues().flat().map(String);
    expect(values).toEqual(expect.arrayContaining(['阿姨打碎了花瓶，要求赔偿', '严重投诉', '已结案', '已先行赔付']));

    const [csv] = await Promise.all([p.waitForEvent('download'), p.locator('.report-document .download-csv').click()]);
    const bytes = fs.readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('投诉事故处理统计表');
    expect(text).toContain('阿姨打碎了花瓶，要求赔偿');
  });
});

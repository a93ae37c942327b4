import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { useLiveChatService, addUser, asUser, signIn } from '../helpers/live-chat';
import { BOSS } from '../helpers/service-config';
import { Complaint, Conversation, Customer, Lead, ReportDocument } from '../../src/domain/models';
import { monthlyReportsJob } from '../../src/jobs/monthly-reports.job';
import { recordMetric } from '../../src/domain/report/metrics.service';
import { parseBusinessHours } from '../../src/core/calendar/business-hours';

const service = useLiveChatService('bo_reports', { BUSINESS_HOURS: 'mon-sun 09:00-21:00' });
const app = () => service().app;

/** Local (Asia/Shanghai) time of 2025-06-DD HH:MM as an instant. */
const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2025, 5, day, hour - 8, minute));

describe('reports: dashboard figures, the monthly complaint analysis kept as a document, exports', () => {
  let boss: ReturnType<typeof asUser>;
  let agentId = '';

  beforeAll(async () => {
    boss = asUser(app(), await signIn(app(), BOSS));
    const agent = await addUser('陈客服');
    agentId = agent.id;
    const customer = await Customer.create({ name: '报表客户', phone: '+8613600000000' });
    const base = { customer: customer._id, externalUserId: 'x', locale: 'zh-CN' };
    const sla = { hours: parseBusinessHours('mon-sun 09:00-21:00'), firstResponseSeconds: 60, resolutionSeconds: 1800 };
    // Three chats on 3 June: one with the bot only, two handed off (one at 22:00, answered at 09:00:30 the next morning).
    const chats = [
      { channel: 'web', createdAt: at(3, 10), status: 'closed', closedAt: at(3, 10, 5) },
      { channel: 'wecom', createdAt: at(3, 14), status: 'closed', waitingSince: at(3, 14, 1), firstHumanResponseAt: at(3, 14, 1, ), assignee: agentId, closedAt: at(3, 14, 20), rating: { overall: 5, attitude: 5, speed: 4, resolution: 5, at: at(3, 14, 21) } },
      { channel: 'wecom', createdAt: at(3, 22), status: 'closed', waitingSince: at(3, 22), firstHumanResponseAt: new Date(at(4, 9).getTime() + 30_000), assignee: agentId, closedAt: at(4, 9, 10), rating: { overall: 2, at: at(4, 9, 11) } },
    ];
    for (const [i, c] of chats.entries()) {
      const doc = await Conversation.create({ ...base, ...c, conversationKey: `k${i}`, openKey: `closed:${i}` });
      await recordMetric(doc._id, sla);
    }
    await Lead.create({ customer: customer._id, need: '咨询月嫂', sourceChannel: 'wecom', status: 'signed', createdAt: at(5, 10) });
    await Lead.create({ customer: customer._id, need: '咨询保洁', sourceChannel: 'web', status: 'new', createdAt: at(6, 10) });
    await Complaint.create({ customer: customer._id, channel: 'web', severity: 'serious', category: 'damage', description: '阿姨打碎了花瓶', createdAt: at(10, 9), status: 'closed', justified: true, closedAt: at(12, 9), number: 'C202506100001', summary: { text: '已赔偿' } });
    await Complaint.create({ customer: customer._id, channel: 'wecom', severity: 'general', category: 'attitude', description: '客服语气不耐烦', createdAt: at(20, 9), number: 'C202506200001' });
  });

  it('the dashboard of June: chats by channel, day and hour, handed off, SLA on business hours, CSAT, leads, complaints', async () => {
    const res = await boss('GET', '/api/v1/console/reports/dashboard?from=2025-06-01&to=2025-06-30');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.conversations).toMatchObject({ total: 3, handedOff: 2, botOnly: 1 });
    expect(d.conversations.byChannel).toEqual([{ channel: 'wecom', total: 2, handedOff: 2 }, { channel: 'web', total: 1, handedOff: 0 }]);
    expect(d.conversations.byDay).toHaveLength(30);
    expect(d.conversations.byDay[2]).toEqual({ day: '2025-06-03', total: 3, handedOff: 2 });
    expect(d.conversations.byHour.filter((h: { total: number }) => h.total)).toEqual([{ hour: 10, total: 1 }, { hour: 14, total: 1 }, { hour: 22, total: 1 }]);
    // 22:00 → 09:00:30 is 30 s of business time: both first responses are within the 60 s target.
    expect(d.sla).toMatchObject({ handedOff: 2, answered: 2, firstResponseWithinShare: 1, resolved: 2 });
    expect(d.sla.firstResponseAvgSeconds).toBe(15);
    expect(d.csat).toMatchObject({ rated: 2, overall: 3.5 });
    expect(d.leads).toMatchObject({ total: 2, byChannel: expect.arrayContaining([expect.objectContaining({ channel: 'wecom', signed: 1, conversion: 1 })]) });
    expect(d.complaints).toMatchObject({ total: 2, bySeverity: expect.arrayContaining([{ key: 'serious', total: 1 }]) });
    // By agent and channel.
    expect((await boss('GET', `/api/v1/console/reports/dashboard?from=2025-06-01&to=2025-06-30&agent=${agentId}`)).json().conversations.total).toBe(2);
    expect((await boss('GET', '/api/v1/console/reports/dashboard?from=2025-06-01&to=2025-06-30&channel=web')).json().conversations.total).toBe(1);
    expect((await boss('GET', '/api/v1/console/reports/dashboard?from=2025-06-30&to=2025-06-01')).statusCode).toBe(400);
    expect((await boss('GET', '/api/v1/console/reports/csat?month=2025-06')).json().agents).toEqual([expect.objectContaining({ agent: agentId, rated: 2, overall: 3.5 })]);
  });

  it('agents may not read reports', async () => {
    const agent = asUser(app(), await signIn(app(), await addUser('普通客服')));
    expect((await agent('GET', '/api/v1/console/reports/dashboard?from=2025-06-01&to=2025-06-30')).statusCode).toBe(403);
  });

  it('on 1 July at 07:00 the job writes June’s complaint analysis once; managers open it and download it as XLSX and CSV with Chinese intact', async () => {
    const job = monthlyReportsJob(() => new Date('2025-06-30T23:00:00Z'));
    await job.run({}, undefined as never);
    await job.run({}, undefined as never);
    const docs = await ReportDocument.find({ kind: 'complaint-monthly' }).lean();
    expect(docs.map((d) => d.period)).toEqual(['2025-06']);
    const list = (await boss('GET', '/api/v1/console/reports/documents')).json().items;
    const doc = list.find((d: { kind: string }) => d.kind === 'complaint-monthly');
    const opened = (await boss('GET', `/api/v1/console/reports/documents/${doc.id}`)).json();
    expect(opened.data).toMatchObject({ month: '2025-06', total: 2, justified: 1, closed: 1, cases: [expect.objectContaining({ number: 'C202506100001', description: '阿姨打碎了花瓶' }), expect.anything()] });

    const xlsx = await boss('GET', `/api/v1/console/reports/documents/${doc.id}/xlsx?lang=zh-CN`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('complaint-monthly-2025-06.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const cases = book.getWorksheet('投诉事故处理统计表')!;
    expect(cases.getRow(1).values).toEqual(expect.arrayContaining(['编号', '投诉内容', '严重程度']));
    const rows = cases.getSheetValues().flat().map(String);
    expect(rows).toEqual(expect.arrayContaining(['阿姨打碎了花瓶', '严重投诉', '已结案']));

    const csv = await boss('GET', `/api/v1/console/reports/documents/${doc.id}/csv?lang=zh-TW`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.rawPayload.toString('utf8');
    expect(text).toContain('投訴事故處理統計表');
    expect(text).toContain('阿姨打碎了花瓶');
  });

  it('live exports: the daily report, the dashboard, the deduction sheet, each with the filters it needs', async () => {
    expect((await boss('GET', '/api/v1/console/reports/export/dashboard/csv?from=2025-06-01&to=2025-06-30&lang=en')).rawPayload.toString('utf8')).toContain('Conversations by day');
    expect((await boss('GET', '/api/v1/console/reports/export/daily/xlsx?day=2025-06-03')).statusCode).toBe(200);
    const missing = await boss('GET', '/api/v1/console/reports/export/deductions/csv');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ field: 'month' })]);
    expect((await boss('GET', '/api/v1/console/reports/daily?day=2025-06-03')).json()).toMatchObject({ day: '2025-06-03', conversations: { total: 3 } });
    expect((await boss('GET', '/api/v1/console/reports/inquiries?month=2025-06')).json()).toMatchObject({ total: 2, previousMonth: '2025-05' });
  });

  it('an id that is not one gives 400 naming it', async () => {
    const res = await boss('GET', `/api/v1/console/reports/documents/${new Types.ObjectId()}zz`);
    expect(res.statusCode).toBe(400);
  });
});

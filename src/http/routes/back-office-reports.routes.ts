import type { i18n } from 'i18next';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../core/message';
import type { SessionService } from '../../domain/user/session.service';
import { dashboard } from '../../domain/report/dashboard';
import { csatByAgent, dailyReport, monthlyInquiryReport } from '../../domain/report/periodic-reports';
import { monthlyComplaintAnalysis, type ComplaintAnalysis } from '../../domain/report/complaint-analysis';
import { deductionSheet, finesByAgent } from '../../domain/report/fines';
import { generateReport, getReportDocument, listReportDocuments } from '../../domain/report/report-document.service';
import { toCsv, toXlsx, type ExportTable } from '../../domain/report/export';
import { complaintAnalysisTables, csatTables, dailyTables, dashboardTables, deductionTables, inquiryTables } from '../../domain/report/report-tables';
import { localDay } from '../../domain/shared/local-day';
import { AppError } from '../../errors';
import { actorOf, currentUser, MANAGERS, sessionGuard, sessionSecurity as security } from '../session-auth';
import { errors } from '../contract';
import {
  complaintAnalysisView, csatView, dailyView, dashboardView, dayQuery, exportLangQuery, exportParams, fileAnswer, finesView, generateBody, inquiryView, liveExportParams, liveExportQuery, monthQuery, reportDocumentList, reportDocumentView,
  reportQuery,
} from '../contract/reports';

export interface BackOfficeReportsOptions {
  sessions: SessionService;
  i18n: i18n;
  targets: { firstResponseSeconds: number; resolutionSeconds: number };
}

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/**
 * 报表 (002 ch.5, ch.8; 000 §7-1, §7-5; 001 日报): the dashboard with its filters (period, channel,
 * agent), the daily report, the monthly inquiry and complaint analyses, CSAT per agent, fines; the
 * monthly documents the job keeps; every one downloadable as CSV (UTF-8 with BOM) or XLSX. Managers.
 */
export const backOfficeReportsRoutes: FastifyPluginAsyncZod<BackOfficeReportsOptions> = async (app, { sessions, i18n, targets }) => {
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser(MANAGERS));
  const tags = ['reports'];
  const ok = (schema: unknown) => ({ 200: schema, ...errors(400, 401, 403) }) as never;

  async function send(req: FastifyRequest, reply: FastifyReply, name: string, format: 'csv' | 'xlsx', build: (t: ReturnType<i18n['getFixedT']>) => ExportTable[]) {
    const lang = ((req.query as { lang?: Locale }).lang ?? currentUser(req).locale ?? 'zh-CN') as Locale;
    const tables = build(i18n.getFixedT(lang));
    const body = format === 'csv' ? toCsv(tables) : await toXlsx(tables);
    const file = `${name}.${format}`;
    return reply.header('content-type', TYPES[format]).header('content-disposition', `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(file)}`).send(body);
  }

  app.get('/api/v1/console/reports/dashboard', { schema: { tags, summary: 'The dashboard of a period, for a channel or an agent', security, querystring: reportQuery, response: ok(dashboardView) } }, async (req) => dashboard(req.query, targets));
  app.get('/api/v1/console/reports/daily', { schema: { tags, summary: '日报: the day’s chats, leads, complaints, follow-ups and sales', security, querystring: dayQuery, response: ok(dailyView) } }, async (req) => dailyReport(req.query.day));
  app.get('/api/v1/console/reports/inquiries', { schema: { tags, summary: '月度咨询分析: the month’s inquiries by channel and consultant, beside the month before', security, querystring: monthQuery, response: ok(inquiryView) } }, async (req) => monthlyInquiryReport(req.query.month));
  app.get('/api/v1/console/reports/complaints', { schema: { tags, summary: '月度投诉分析 computed now (the kept document is under /reports/documents)', security, querystring: monthQuery, response: ok(complaintAnalysisView) } }, async (req) => monthlyComplaintAnalysis(req.query.month));
  app.get('/api/v1/console/reports/csat', { schema: { tags, summary: 'CSAT per agent for the month (attitude, speed, resolution, overall) with QA scores', security, querystring: monthQuery, response: ok(csatView) } }, async (req) => csatByAgent(req.query.month));
  app.get('/api/v1/console/reports/fines', { schema: { tags, summary: 'Fines by agent and month: forbidden phrases and penalty slips', security, querystring: reportQuery, response: ok(finesView) } }, async (req) => ({ items: await finesByAgent(req.query) }));

  app.get('/api/v1/console/reports/documents', { schema: { tags, summary: 'The monthly reports kept as documents, newest first', security, response: ok(reportDocumentList) } }, async () => ({
    items: (await listReportDocuments()).map((d) => ({ id: String(d._id), kind: d.kind, period: d.period, generatedAt: d.generatedAt.toISOString(), ...(d.generatedBy?.name ? { generatedBy: d.generatedBy.name } : {}), revision: d.revision ?? 1 })),
  }));
  app.post('/api/v1/console/reports/documents', { schema: { tags, summary: 'Generate (or regenerate) a month’s report document now', security, body: generateBody, response: { 201: reportDocumentView, ...errors(400, 401, 403) } } }, async (req, reply) => {
    const d = await generateReport(req.body.kind, req.body.period, actorOf(req));
    return reply.status(201).send({ id: String(d._id), kind: d.kind, period: d.period, generatedAt: d.generatedAt.toISOString(), ...(d.generatedBy?.name ? { generatedBy: d.generatedBy.name } : {}), revision: d.revision ?? 1, data: d.data });
  });
  app.get('/api/v1/console/reports/documents/:id', { schema: { tags, summary: 'One report document with its figures', security, params: exportParams.pick({ id: true }), response: ok(reportDocumentView) } }, async (req) => {
    const d = await getReportDocument(req.params.id);
    return { id: String(d._id), kind: d.kind, period: d.period, generatedAt: d.generatedAt.toISOString(), ...(d.generatedBy?.name ? { generatedBy: d.generatedBy.name } : {}), revision: d.revision ?? 1, data: d.data };
  });
  app.get('/api/v1/console/reports/documents/:id/:format', { schema: { tags, summary: 'Download a report document as CSV or XLSX', security, params: exportParams, querystring: exportLangQuery, response: ok(fileAnswer) } }, async (req, reply) => {
    const d = await getReportDocument(req.params.id);
    return send(req, reply, `${d.kind}-${d.period}`, req.params.format, (t) => (d.kind === 'complaint-monthly' ? complaintAnalysisTables(d.data as ComplaintAnalysis, t) : inquiryTables(d.data as never, t)));
  });

  app.get('/api/v1/console/reports/export/:report/:format', { schema: { tags, summary: 'Download a live report as CSV or XLSX (the same filters as the report)', security, params: liveExportParams, querystring: liveExportQuery, response: ok(fileAnswer) } }, async (req, reply) => {
    const q = req.query;
    const need = <K extends keyof typeof q>(k: K) => {
      if (!q[k]) throw new AppError('VALIDATION_FAILED', `${String(k)} is required for this report`, { details: [{ field: String(k), message: 'required' }] });
      return q[k] as string;
    };
    const { report, format } = req.params;
    const today = localDay();
    if (report === 'dashboard') {
      const data = await dashboard({ from: need('from'), to: need('to'), channel: q.channel, agent: q.agent }, targets);
      return send(req, reply, `dashboard-${data.period.from}-${data.period.to}`, format, (t) => dashboardTables(data, t));
    }
    if (report === 'daily') {
      const data = await dailyReport(q.day ?? today);
      return send(req, reply, `daily-${data.day}`, format, (t) => dailyTables(data, t));
    }
    const month = need('month');
    if (report === 'inquiries') {
      const data = await monthlyInquiryReport(month);
      return send(req, reply, `inquiries-${month}`, format, (t) => inquiryTables(data, t));
    }
    if (report === 'complaints') {
      const data = await monthlyComplaintAnalysis(month);
      return send(req, reply, `complaints-${month}`, format, (t) => complaintAnalysisTables(data, t));
    }
    if (report === 'csat') {
      const data = await csatByAgent(month);
      return send(req, reply, `csat-${month}`, format, (t) => csatTables(data, t));
    }
    const data = await deductionSheet(month);
    return send(req, reply, `deductions-${month}`, format, (t) => deductionTables(data, t));
  });
};

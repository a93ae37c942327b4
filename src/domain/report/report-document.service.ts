import { AppError } from '../../errors';
import { recordAudit, type Actor } from '../audit/audit.service';
import { previousMonth } from '../shared/day-range';
import { announce } from '../shared/notices';
import { monthlyComplaintAnalysis } from './complaint-analysis';
import { monthlyInquiryReport } from './periodic-reports';
import { ReportDocument, REPORT_KINDS, type ReportDocumentDoc } from './report-document.model';
import { isDuplicateKey } from '../../db/create-once';

export type ReportKind = (typeof REPORT_KINDS)[number];

const build = (kind: ReportKind, period: string, now: Date) => (kind === 'complaint-monthly' ? monthlyComplaintAnalysis(period, now) : monthlyInquiryReport(period));

/** Generates (or regenerates, a new revision) the report of a month and keeps it as a document. */
export async function generateReport(kind: ReportKind, period: string, actor: Actor, now = new Date()): Promise<ReportDocumentDoc> {
  const data = await build(kind, period, now);
  const saved = await ReportDocument.findOneAndUpdate(
    { key: `${kind}:${period}` },
    { $set: { kind, period, data, generatedAt: now, generatedBy: { type: actor.type, id: actor.id, name: actor.name } }, $inc: { revision: 1 } },
    { upsert: true, new: true },
  );
  await recordAudit(actor, 'report.generate', { type: 'ReportDocument', id: saved!._id }, { kind, period, revision: saved!.revision });
  return saved!;
}

/**
 * The monthly reports due before the 5th (000 §7-5, §7-1): from the 1st to the 4th, each month's
 * complaint analysis and inquiry analysis of the month before is generated once (an existing one is
 * kept), and the managers are told it is ready.
 */
export async function generateDueMonthlyReports(now: Date, actor: Actor): Promise<ReportDocumentDoc[]> {
  const period = previousMonth(now);
  const made: ReportDocumentDoc[] = [];
  for (const kind of REPORT_KINDS) {
    if (await ReportDocument.exists({ key: `${kind}:${period}` })) continue;
    const data = await build(kind, period, now);
    try {
      const doc = await ReportDocument.create({ key: `${kind}:${period}`, kind, period, data, generatedAt: now, generatedBy: { type: actor.type, name: actor.name }, revision: 1 });
      made.push(doc);
      announce({ kind: 'report.ready', params: { kind, period }, managers: true, alert: kind === 'complaint-monthly', link: { page: 'reports', params: ['documents', String(doc._id)] } });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return made;
}

export async function listReportDocuments(kind?: ReportKind): Promise<ReportDocumentDoc[]> {
  return ReportDocument.find(kind ? { kind } : {}, { data: 0 }).sort({ period: -1, kind: 1 }).limit(120);
}

export async function getReportDocument(id: string): Promise<ReportDocumentDoc> {
  const doc = await ReportDocument.findById(id);
  if (!doc) throw new AppError('NOT_FOUND', 'Report not found');
  return doc;
}

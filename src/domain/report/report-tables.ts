import type { TFunction } from 'i18next';
import type { ExportTable } from './export';
import type { ComplaintAnalysis } from './complaint-analysis';
import type { csatByAgent, dailyReport, monthlyInquiryReport } from './periodic-reports';
import type { dashboard } from './dashboard';
import type { deductionSheet } from './fines';

const yuan = (fen: number | undefined | null) => (typeof fen === 'number' ? Math.round(fen) / 100 : null);
const pct = (v: number | undefined | null) => (typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : '');

/** Builds tables with headers and values in the reader's language (`back-office:` keys). */
class Tables {
  readonly out: ExportTable[] = [];
  constructor(private readonly t: TFunction) {}
  label(kind: string, value: string | null | undefined): string {
    if (value === null || value === undefined) return '';
    return this.t(`back-office:value.${kind}.${value}`, { defaultValue: value }) as string;
  }
  add(title: string, keys: string[], rows: ExportTable['rows']): this {
    this.out.push({ title: this.t(`back-office:export.table.${title}`) as string, columns: keys.map((k) => ({ key: k, label: this.t(`back-office:export.column.${k}`) as string })), rows });
    return this;
  }
}

export function complaintAnalysisTables(d: ComplaintAnalysis, t: TFunction): ExportTable[] {
  const x = new Tables(t);
  x.add('summary', ['figure', 'value'], [
    { figure: t('back-office:export.figure.month') as string, value: d.month },
    { figure: t('back-office:export.figure.total') as string, value: d.total },
    { figure: t('back-office:export.figure.justified') as string, value: d.justified },
    { figure: t('back-office:export.figure.unjustified') as string, value: d.unjustified },
    { figure: t('back-office:export.figure.closed') as string, value: d.closed },
    { figure: t('back-office:export.figure.hoursToClose') as string, value: d.averageHoursToClose ?? '' },
    { figure: t('back-office:export.figure.deadlinesMissed') as string, value: d.deadlinesMissed },
    { figure: t('back-office:export.figure.satisfaction') as string, value: d.satisfaction ?? '' },
    { figure: t('back-office:export.figure.penalties') as string, value: d.penalties.slips },
    { figure: t('back-office:export.figure.penaltyYuan') as string, value: yuan(d.penalties.fen) },
  ]);
  x.add('bySeverity', ['severity', 'total'], d.bySeverity.map((r) => ({ severity: x.label('severity', r.key), total: r.total })));
  x.add('byCategory', ['category', 'total'], d.byCategory.map((r) => ({ category: x.label('category', r.key), total: r.total })));
  x.add('byStatus', ['status', 'total'], d.byStatus.map((r) => ({ status: x.label('complaintStatus', r.key), total: r.total })));
  x.add('cases', ['number', 'day', 'severity', 'category', 'status', 'justified', 'description', 'cause', 'resolution', 'summary'], d.cases.map((c) => ({ ...c, justified: c.justified === null ? '' : x.label('justified', String(c.justified)), severity: x.label('severity', c.severity), category: x.label('category', c.category), status: x.label('complaintStatus', c.status) })));
  return x.out;
}

export function inquiryTables(d: Awaited<ReturnType<typeof monthlyInquiryReport>>, t: TFunction): ExportTable[] {
  const x = new Tables(t);
  x.add('leadsByChannel', ['channel', 'total', 'signed', 'lost', 'conversion', 'previous'], d.byChannel.map((r) => ({ ...r, channel: x.label('channel', r.channel), conversion: pct(r.conversion) })));
  x.add('leadsByConsultant', ['consultant', 'total', 'signed', 'lost', 'conversion'], d.byConsultant.map((r) => ({ ...r, conversion: pct(r.conversion) })));
  x.add('conversationsByChannel', ['channel', 'total', 'handedOff'], d.conversationsByChannel.map((r) => ({ ...r, channel: x.label('channel', r.channel) })));
  return x.out;
}

export function dailyTables(d: Awaited<ReturnType<typeof dailyReport>>, t: TFunction): ExportTable[] {
  const x = new Tables(t);
  x.add('summary', ['figure', 'value'], [
    { figure: t('back-office:export.figure.day') as string, value: d.day },
    { figure: t('back-office:export.figure.conversations') as string, value: d.conversations.total },
    { figure: t('back-office:export.figure.handedOff') as string, value: d.conversations.handedOff },
    { figure: t('back-office:export.figure.leads') as string, value: d.leads.total },
    { figure: t('back-office:export.figure.complaints') as string, value: d.complaints.total },
    { figure: t('back-office:export.figure.followUps') as string, value: d.followUps.done },
    { figure: t('back-office:export.figure.orders') as string, value: d.sales.orders },
    { figure: t('back-office:export.figure.salesYuan') as string, value: yuan(d.sales.fen) },
    { figure: t('back-office:export.figure.csat') as string, value: d.csat.overall ?? '' },
  ]);
  x.add('salesByProduct', ['product', 'quantity', 'yuan'], d.sales.byProduct.map((r) => ({ product: r.product, quantity: r.quantity, yuan: yuan(r.fen) })));
  x.add('conversationsByChannel', ['channel', 'total', 'handedOff'], d.conversations.byChannel.map((r) => ({ ...r, channel: x.label('channel', r.channel) })));
  return x.out;
}

export function csatTables(d: Awaited<ReturnType<typeof csatByAgent>>, t: TFunction): ExportTable[] {
  return new Tables(t).add('csatByAgent', ['agent', 'rated', 'overall', 'attitude', 'speed', 'resolution', 'low', 'qaReviews', 'qaScore'], d.agents.map((a) => ({ ...a, agent: a.name }))).out;
}

export function deductionTables(d: Awaited<ReturnType<typeof deductionSheet>>, t: TFunction): ExportTable[] {
  const x = new Tables(t);
  x.add('deductions', ['person', 'kind', 'slips', 'violations', 'yuan'], d.lines.map((l) => ({ person: l.name, kind: x.label('subject', l.kind), slips: l.slips.map((s) => `${s.number} ${s.reason} ¥${yuan(s.amountFen)}`).join('; '), violations: l.violations, yuan: yuan(l.totalFen) })));
  return x.out;
}

export function dashboardTables(d: Awaited<ReturnType<typeof dashboard>>, t: TFunction): ExportTable[] {
  const x = new Tables(t);
  x.add('conversationsByDay', ['day', 'total', 'handedOff'], d.conversations.byDay);
  x.add('conversationsByChannel', ['channel', 'total', 'handedOff'], d.conversations.byChannel.map((r) => ({ ...r, channel: x.label('channel', r.channel) })));
  x.add('conversationsByHour', ['hour', 'total'], d.conversations.byHour);
  x.add('sla', ['figure', 'value'], [
    { figure: t('back-office:export.figure.firstResponseAvg') as string, value: d.sla.firstResponseAvgSeconds ?? '' },
    { figure: t('back-office:export.figure.firstResponseWithin') as string, value: pct(d.sla.firstResponseWithinShare) },
    { figure: t('back-office:export.figure.resolutionAvg') as string, value: d.sla.resolutionAvgSeconds ?? '' },
    { figure: t('back-office:export.figure.resolutionWithin') as string, value: pct(d.sla.resolutionWithinShare) },
    { figure: t('back-office:export.figure.csat') as string, value: d.csat.overall ?? '' },
  ]);
  x.add('leadsByChannel', ['channel', 'total', 'signed', 'lost', 'conversion'], d.leads.byChannel.map((r) => ({ ...r, channel: x.label('channel', r.channel), conversion: pct(r.conversion) })));
  x.add('byCategory', ['category', 'total'], d.complaints.byCategory.map((r) => ({ category: x.label('category', r.key), total: r.total })));
  x.add('fines', ['agent', 'month', 'offences', 'slips', 'yuan'], d.fines.map((f) => ({ agent: f.name, month: f.month, offences: f.offences, slips: f.slips, yuan: yuan(f.totalFen) })));
  return x.out;
}

import { go } from '../../../router';
import { tb } from '../i18n';
import { Head, Tabs } from '../ui';
import { DashboardTab } from './dashboard-tab';
import { DocumentsTab } from './documents-tab';
import { CsatTab, DailyTab, InquiriesTab } from './periodic-tabs';
import { QaTab } from './qa-tab';

type Tab = 'dashboard' | 'daily' | 'inquiries' | 'documents' | 'csat' | 'qa';
const TABS: Tab[] = ['dashboard', 'daily', 'inquiries', 'documents', 'csat', 'qa'];

/** 报表: the dashboard, the daily report, the monthly analyses and their documents, CSAT, QA (`#/reports/<tab>/<id>`). */
export default function ReportsPage({ params }: { params: string[] }) {
  const tab = (TABS as string[]).includes(params[0]) ? (params[0] as Tab) : 'dashboard';
  return (
    <div class="page back-office reports">
      <Head title={tb('report.title')} />
      <Tabs name={tb('report.title')} tabs={TABS.map((t) => ({ id: t, label: tb(`report.tab.${t}`) }))} value={tab} onChange={(t) => go('reports', t)} />
      {tab === 'dashboard' ? <DashboardTab /> : null}
      {tab === 'daily' ? <DailyTab /> : null}
      {tab === 'inquiries' ? <InquiriesTab /> : null}
      {tab === 'documents' ? <DocumentsTab id={params[1]} /> : null}
      {tab === 'csat' ? <CsatTab /> : null}
      {tab === 'qa' ? <QaTab /> : null}
    </div>
  );
}

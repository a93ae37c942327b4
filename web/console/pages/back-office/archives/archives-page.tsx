import { go } from '../../../router';
import { tb } from '../i18n';
import { Head, Tabs } from '../ui';
import { CustomersTab } from './customers-tab';
import { ContractsTab } from './contracts-tab';
import { WorkersTab } from './workers-tab';

type Tab = 'customers' | 'contracts' | 'renewals' | 'workers';
const TABS: Tab[] = ['customers', 'contracts', 'renewals', 'workers'];

/** 档案管理: customers, contracts, the renewal list, domestic workers (`#/archives/<tab>/<id>`). */
export default function ArchivesPage({ params }: { params: string[] }) {
  const tab = (TABS as string[]).includes(params[0]) ? (params[0] as Tab) : 'customers';
  const id = params[1];
  return (
    <div class="page back-office archives">
      <Head title={tb('archive.title')} />
      <Tabs name={tb('archive.title')} tabs={TABS.map((t) => ({ id: t, label: tb(`archive.tab.${t}`) }))} value={tab} onChange={(t) => go('archives', t)} />
      {tab === 'customers' ? <CustomersTab id={id} /> : null}
      {tab === 'contracts' || tab === 'renewals' ? <ContractsTab key={tab} id={id} renewals={tab === 'renewals'} /> : null}
      {tab === 'workers' ? <WorkersTab id={id} /> : null}
    </div>
  );
}

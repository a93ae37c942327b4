import type { ComponentType } from 'preact';
import type { Role } from '../../src/http/contract/enums';
// The back office's navigation labels and notices live in the main bundle.
import './pages/back-office/nav';

/**
 * The console's pages: where they are (`#/<id>`), who sees them, the label of their link, and how
 * their code arrives. The workspace is in the main bundle; the others load on first visit. A new
 * area (the script editor, reports) is one more entry here and a folder under pages/.
 */
export interface PageDef {
  id: string;
  /** i18n key of the navigation link. */
  label: string;
  roles: readonly Role[];
  load(): Promise<{ default: ComponentType<{ params: string[] }> }>;
  /** Shown in the top bar's navigation (the account page is reached from the user menu). */
  nav: boolean;
}

const everyone: readonly Role[] = ['agent', 'manager', 'admin'];
const managers: readonly Role[] = ['manager', 'admin'];

export const PAGES: PageDef[] = [
  { id: 'history', label: 'nav.history', roles: everyone, nav: true, load: () => import('./pages/history/history-page') },
  { id: 'team', label: 'nav.team', roles: managers, nav: true, load: () => import('./pages/team/team-page') },
  { id: 'quality', label: 'nav.quality', roles: everyone, nav: true, load: () => import('./pages/quality/quality-page') },
  { id: 'scripts', label: 'nav.scripts', roles: managers, nav: true, load: () => import('./pages/scripts/scripts-page') },
  { id: 'users', label: 'nav.users', roles: ['admin'], nav: true, load: () => import('./pages/users/users-page') },
  // The back office (issue 11): work lists, archives, reports.
  { id: 'leads', label: 'bo-nav:nav.leads', roles: everyone, nav: true, load: () => import('./pages/back-office/leads/leads-page') },
  { id: 'complaints', label: 'bo-nav:nav.complaints', roles: everyone, nav: true, load: () => import('./pages/back-office/complaints/complaints-page') },
  { id: 'follow-ups', label: 'bo-nav:nav.followUps', roles: everyone, nav: true, load: () => import('./pages/back-office/follow-ups/follow-ups-page') },
  { id: 'orders', label: 'bo-nav:nav.orders', roles: everyone, nav: true, load: () => import('./pages/back-office/orders/orders-page') },
  { id: 'archives', label: 'bo-nav:nav.archives', roles: everyone, nav: true, load: () => import('./pages/back-office/archives/archives-page') },
  { id: 'reports', label: 'bo-nav:nav.reports', roles: managers, nav: true, load: () => import('./pages/back-office/reports/reports-page') },
  { id: 'account', label: 'nav.account', roles: everyone, nav: false, load: () => import('./pages/account/account-page') },
];

export function pageFor(id: string, role: Role): PageDef | undefined {
  return PAGES.find((p) => p.id === id && p.roles.includes(role));
}

import type { ComponentType } from 'preact';
import type { Role } from '../../src/http/contract/enums';

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
  { id: 'users', label: 'nav.users', roles: ['admin'], nav: true, load: () => import('./pages/users/users-page') },
  { id: 'account', label: 'nav.account', roles: everyone, nav: false, load: () => import('./pages/account/account-page') },
];

export function pageFor(id: string, role: Role): PageDef | undefined {
  return PAGES.find((p) => p.id === id && p.roles.includes(role));
}

import { signal } from '@preact/signals';

/** A route of the console: the page's id and what follows it in the hash (`#/users/<id>` → ['<id>']). */
export interface Route {
  page: string;
  params: string[];
}

/** `#/c/<id>` is a conversation in the workspace; `#/` and unknown pages are the workspace. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (!parts.length) return { page: 'inbox', params: [] };
  if (parts[0] === 'c') return { page: 'inbox', params: parts.slice(1) };
  return { page: parts[0], params: parts.slice(1) };
}

/** The current route; follows the hash so reloads and the back button work. */
export const route = signal<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => (route.value = parseRoute(location.hash)));

/** The hash of a page. */
export function href(page: string, ...params: string[]): string {
  if (page === 'inbox' && params.length) return `#/c/${params.map(encodeURIComponent).join('/')}`;
  return `#/${[page, ...params].map(encodeURIComponent).join('/')}`;
}

export function go(page: string, ...params: string[]): void {
  location.hash = href(page, ...params);
}

/** Opens a conversation in the workspace. */
export function openConversation(id: string): void {
  go('inbox', id);
}

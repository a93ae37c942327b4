import { computed, signal } from '@preact/signals';
import type { ConsoleUser } from '../../../src/http/contract';

/** The signed-in user; null on the sign-in page, undefined while the console asks the server. */
export const me = signal<ConsoleUser | null | undefined>(undefined);

/** Managers and admins: all chats, history of everyone, quality pages. */
export const isManager = computed(() => !!me.value && me.value.role !== 'agent');
export const isAdmin = computed(() => me.value?.role === 'admin');

/** The signed-in user (only call where the console is signed in). */
export function currentUser(): ConsoleUser {
  if (!me.value) throw new Error('not signed in');
  return me.value;
}

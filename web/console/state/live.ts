import { signal } from '@preact/signals';
import type { ListItem } from '../../../src/http/contract';
import { t } from '../i18n';
import { openConversation, route } from '../router';
import { connect, disconnect } from './realtime';
import { activeView, claiming, conversations, load, reset, setTyping, touch, upsert } from './inbox';
import { applyItem, applyMessage, draftInProgress, open, reload } from './conversation';
import { beep, countUnseen, desktopNotify, failed, toast } from './notify';
import { me } from './session';

/** Bumped whenever someone's presence changes: the team board reloads. */
export const presenceChanged = signal(0);
/** A clock for wait times, ticking every second. */
export const now = signal(Date.now());

const SAFETY_RELOAD_MS = 60_000;
let timers: ReturnType<typeof setInterval>[] = [];

const customerName = (item: ListItem) => item.customer.name || item.customer.phone || t('customer.visitor');

/** A chat given to me that I did not claim here (automatic assignment, a transfer): hard to miss. */
function assignedToMe(item: ListItem, before: ListItem | undefined): boolean {
  const mine = (c: ListItem | undefined) => c?.status === 'assigned' && c.assignee?.id === me.value?.id;
  return mine(item) && !mine(before) && !claiming.has(item.id);
}

function announceAssignment(item: ListItem): void {
  const name = customerName(item);
  const show = () => openConversation(item.id);
  beep();
  countUnseen();
  toast(t('notify.assigned', { customer: name }), 'alert', { label: t('action.open'), run: show });
  desktopNotify(t('notify.assignedTitle'), t('notify.assigned', { customer: name }), `assigned-${item.id}`, show);
  activeView.value = 'mine';
  // The chat opens by itself unless the agent is writing in another one.
  if (!draftInProgress.value || route.value.page !== 'inbox') show();
}

/** Reloads the lists (and the open chat) from the server: at start, after a reconnect, once a minute. */
export async function reloadAll(): Promise<void> {
  const views = me.value?.role === 'agent' ? (['waiting', 'mine'] as const) : (['waiting', 'mine', 'all'] as const);
  await Promise.all(views.map((v) => load(v))).catch(failed);
}

/** Connects the socket and starts the clocks for the signed-in user. */
export function startLive(): void {
  connect({
    conversation(item) {
      const before = upsert(item);
      applyItem(item);
      if (assignedToMe(item, before)) announceAssignment(item);
      else if (item.status === 'waiting' && before?.status !== 'waiting') {
        beep();
        countUnseen();
      }
    },
    message(conversationId, message) {
      const isOpen = open.value?.id === conversationId && route.value.page === 'inbox';
      touch(conversationId, message, isOpen && !document.hidden);
      applyMessage(conversationId, message);
      const c = conversations.value[conversationId];
      const mine = c?.status === 'assigned' && c.assignee?.id === me.value?.id;
      if (message.author === 'customer' && mine && (!isOpen || document.hidden)) {
        beep();
        countUnseen();
      }
    },
    typing: setTyping,
    presence(userId, presence) {
      if (me.value && me.value.id === userId && me.value.presence !== presence) me.value = { ...me.value, presence };
      presenceChanged.value++;
    },
    reconnected() {
      void reloadAll();
      void reload();
    },
  });
  timers = [setInterval(() => (now.value = Date.now()), 1000), setInterval(() => void reloadAll(), SAFETY_RELOAD_MS)];
  void reloadAll();
}

/** Stops everything (sign-out). */
export function stopLive(): void {
  timers.forEach(clearInterval);
  timers = [];
  disconnect();
  reset();
  open.value = undefined;
}

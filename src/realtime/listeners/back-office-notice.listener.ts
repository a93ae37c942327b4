import type { Namespace } from 'socket.io';
import { onNotice, type Notice } from '../../domain/shared/notices';
import { rooms } from '../rooms';

/** The `notice` event consoles receive: the console words it in the user's language. */
export interface NoticeEvent {
  kind: Notice['kind'];
  params: Notice['params'];
  link?: Notice['link'];
  at: string;
}

/**
 * Pushes back-office notices to consoles: to the managers' room (serious complaints, missed
 * deadlines, renewals, reports) and to the users named (a complaint's handler, a lead's agent).
 * Returns how to stop.
 */
export function registerBackOfficeNotices(consoleNsp: Namespace): () => void {
  return onNotice((notice) => {
    const targets = [...(notice.managers ? [rooms.managers] : []), ...(notice.users ?? []).map((u) => rooms.user(u))];
    if (!targets.length) return;
    const event: NoticeEvent = { kind: notice.kind, params: notice.params, ...(notice.link ? { link: notice.link } : {}), at: new Date().toISOString() };
    consoleNsp.to(targets).emit('notice', event);
  });
}

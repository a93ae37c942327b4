/**
 * Notices of the back office: something a person must act on (a serious complaint, a deadline
 * about to pass or passed, a lead or renewal handed to someone, a report ready). Services announce
 * them here; listeners wired at start show them in the console (socket) and send them on WeCom or
 * e-mail. Services need no channel to announce, so the bot's record actions reach managers too.
 */
export const NOTICE_KINDS = ['complaint.serious', 'complaint.due_soon', 'complaint.overdue', 'lead.assigned', 'lead.due', 'contract.renewal', 'followup.low_score', 'report.ready'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Someone outside the console to reach directly (a sales consultant, a store manager). */
export interface Contact {
  name: string;
  wecomUserId?: string;
  email?: string;
}

export interface Notice {
  kind: NoticeKind;
  /** Interpolation values of the notice's text (`back-office:notice.<kind>`). */
  params: Record<string, string | number>;
  /** Console users to tell: managers, and/or these users. */
  managers?: boolean;
  users?: string[];
  /** The record it is about: the console opens `#/<page>/<params…>`. */
  link?: { page: string; params: string[] };
  /** Also to the alert recipients configured (ALERT_WECOM_TO, ALERT_EMAIL_TO). */
  alert?: boolean;
  contacts?: Contact[];
}

type Listener = (notice: Notice) => void | Promise<void>;
const listeners = new Set<Listener>();
let onError: (err: unknown, notice: Notice) => void = () => undefined;

/** Registers a listener; returns how to remove it (the service does on close). */
export function onNotice(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where a listener's failure is reported (the service's logger). */
export function onNoticeError(handler: (err: unknown, notice: Notice) => void): void {
  onError = handler;
}

/** Announces a notice; a listener's failure is logged, never thrown at the service that announced. */
export function announce(notice: Notice): void {
  for (const listener of listeners) {
    try {
      const result = listener(notice);
      if (result instanceof Promise) result.catch((err) => onError(err, notice));
    } catch (err) {
      onError(err, notice);
    }
  }
}

import type { i18n } from 'i18next';
import type { Logger } from 'pino';
import type { Locale } from '../core/message';
import type { Notice } from '../domain/shared/notices';
import type { EmailSender, WeComSender } from './senders';

export interface DispatchDeps {
  i18n: i18n;
  locale: Locale;
  log: Logger;
  publicUrl?: string;
  wecom?: WeComSender;
  email?: EmailSender;
  /** ALERT_WECOM_TO / ALERT_EMAIL_TO: who hears of serious complaints and missed deadlines. */
  alertWeCom?: string;
  alertEmails?: string[];
}

/**
 * Sends notices outside the console: an alert to the configured managers' WeCom and e-mail, a
 * handed-over lead or renewal to the colleague it is for. In the company's default language, with
 * a link into the console when PUBLIC_URL is set. A failed send is logged, never retried here.
 */
export function noticeDispatcher(d: DispatchDeps): (notice: Notice) => Promise<void> {
  const t = d.i18n.getFixedT(d.locale);
  return async (notice) => {
    const title = t(`back-office:notice.${notice.kind}.title`, notice.params) as string;
    const body = t(`back-office:notice.${notice.kind}.text`, notice.params) as string;
    const link = d.publicUrl && notice.link ? `\n${d.publicUrl.replace(/\/$/, '')}/console#/${[notice.link.page, ...notice.link.params].map(encodeURIComponent).join('/')}` : '';
    const text = `${title}\n${body}${link}`;
    const wecomTo = new Set<string>();
    const emailTo = new Set<string>();
    if (notice.alert) {
      for (const u of d.alertWeCom?.split('|') ?? []) if (u) wecomTo.add(u);
      for (const e of d.alertEmails ?? []) emailTo.add(e);
    }
    for (const c of notice.contacts ?? []) {
      if (c.wecomUserId) wecomTo.add(c.wecomUserId);
      else if (c.email) emailTo.add(c.email);
    }
    const sends: Promise<void>[] = [];
    if (wecomTo.size && d.wecom) sends.push(d.wecom.sendText([...wecomTo].join('|'), text));
    if (emailTo.size && d.email) sends.push(d.email.send([...emailTo], title, text));
    const results = await Promise.allSettled(sends);
    for (const r of results) if (r.status === 'rejected') d.log.error({ err: r.reason, kind: notice.kind }, 'notice could not be sent');
    if ((wecomTo.size && !d.wecom) || (emailTo.size && !d.email)) d.log.warn({ kind: notice.kind, wecom: wecomTo.size, email: emailTo.size }, 'notice has recipients on a channel that is not configured');
  };
}

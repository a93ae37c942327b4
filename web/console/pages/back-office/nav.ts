import i18next from 'i18next';
import { signal } from '@preact/signals';
import { onConsoleEvent } from '../../state/realtime';
import { desktopNotify, toast } from '../../state/notify';
import { go } from '../../router';
import { lang } from '../../i18n';
import zhCN from './locales/zh-CN.nav.json';
import zhTW from './locales/zh-TW.nav.json';
import en from './locales/en.nav.json';

/**
 * What the back office puts in the console's main bundle: its navigation labels and its notices
 * (a serious complaint, a deadline about to pass or passed, a lead or renewal handed over, a
 * report ready), shown as an alert toast with a button to the record and a desktop notification.
 */
for (const [lng, bundle] of [['zh-CN', zhCN], ['zh-TW', zhTW], ['en', en]] as const) i18next.addResourceBundle(lng, 'bo-nav', bundle, true, true);

/** Counts the notices received: work lists reload when it moves (a new serious complaint, a deadline passed). */
export const noticeTick = signal(0);

interface NoticeEvent {
  kind: string;
  params: Record<string, string | number>;
  link?: { page: string; params: string[] };
}

onConsoleEvent('notice', (payload) => {
  const n = payload as NoticeEvent;
  if (!n?.kind) return;
  noticeTick.value += 1;
  void lang.value;
  const key = `bo-nav:notice.${n.kind.replace('.', '_')}`;
  const title = i18next.t(`${key}.title`, n.params) as string;
  const body = i18next.t(`${key}.text`, n.params) as string;
  const open = n.link ? () => go(n.link!.page, ...n.link!.params) : undefined;
  toast(`${title} — ${body}`, n.kind === 'complaint.serious' || n.kind === 'complaint.overdue' ? 'alert' : 'info', open ? { label: i18next.t('bo-nav:notice.open') as string, run: open } : undefined);
  desktopNotify(title, body, `bo-${n.kind}-${n.link?.params.join('-') ?? ''}`, open ?? (() => undefined));
});

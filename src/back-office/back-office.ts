import path from 'node:path';
import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';
import type { Config } from '../config/config';
import type { ChannelId } from '../core/message';
import type { EventBus } from '../conversation/events';
import type { Outbox } from '../conversation/outbox';
import type { AdapterRegistry } from '../channels/registry';
import type { SessionService } from '../domain/user/session.service';
import type { JobDefinition } from '../jobs/scheduler';
import { storeChatMessage } from '../conversation/chat-messages';
import { parseBusinessHours } from '../core/calendar/business-hours';
import { createI18n, readLocaleFiles } from '../i18n/i18n';
import { piiKeysFromConfig } from '../crypto/pii-keys';
import { parsePiiKey } from '../crypto/key-format';
import { onNotice, onNoticeError } from '../domain/shared/notices';
import { setFollowUpRuleDays } from '../domain/follow-up/follow-up-rules';
import { setReceivableDays } from '../domain/order/order-status.service';
import { OrderUpdates } from '../domain/order/order-updates';
import { recordMetric, type SlaSettings } from '../domain/report/metrics.service';
import { noticeDispatcher } from '../notify/notice-dispatch';
import { mailWebhook, smsWebhook } from '../notify/senders';
import { WeComApi } from '../../adapters/wecom/wecom.api';
import { backOfficePlugins } from '../http/back-office.plugins';
import { registerBackOfficeNotices } from '../realtime/listeners/back-office-notice.listener';
import { contractRenewalJob } from '../jobs/contract-renewal.job';
import { complaintDeadlinesJob } from '../jobs/complaint-deadlines.job';
import { leadRemindersJob } from '../jobs/lead-reminders.job';
import { monthlyReportsJob } from '../jobs/monthly-reports.job';
import { qaSamplingJob } from '../jobs/qa-sampling.job';
import { conversationMetricsJob } from '../jobs/conversation-metrics.job';
import { databaseBackupJob } from '../jobs/database-backup.job';

const LOCALES_DIR = path.resolve(__dirname, '..', '..', 'locales');

export interface BackOfficeDeps {
  config: Config;
  log: Logger;
  events: EventBus;
  outbox: Outbox;
  adapters: AdapterRegistry;
  sessions: SessionService;
}

/**
 * The back office composed (issue 11): the PII keys, the rules' settings, the customer updates of
 * orders, the notices to consoles, WeCom and e-mail, the SLA metrics of closed chats, its jobs and
 * its HTTP plugins. `startService` spreads `jobs` and `plugins`, attaches the console namespace and
 * calls `close` on stop.
 */
export function createBackOffice(d: BackOfficeDeps) {
  const { config, log } = d;
  piiKeysFromConfig(config, log);
  setFollowUpRuleDays({ afterPlacement: config.FOLLOW_UP_AFTER_PLACEMENT_DAYS, afterDelivery: config.FOLLOW_UP_AFTER_DELIVERY_DAYS, repeatPurchase: config.FOLLOW_UP_REPEAT_PURCHASE_DAYS });
  setReceivableDays(config.RECEIVABLE_DAYS);
  const i18n = createI18n(readLocaleFiles(LOCALES_DIR));
  const sla: SlaSettings = { hours: parseBusinessHours(config.BUSINESS_HOURS), firstResponseSeconds: config.SLA_FIRST_RESPONSE_SECONDS, resolutionSeconds: config.SLA_RESOLUTION_MINUTES * 60 };
  const canDeliver = (channel: ChannelId) => channel === 'web' || d.adapters.has(channel);
  const sms = config.SMS_WEBHOOK_URL ? smsWebhook(config.SMS_WEBHOOK_URL, config.SMS_WEBHOOK_TOKEN) : undefined;
  const email = config.MAIL_WEBHOOK_URL ? mailWebhook(config.MAIL_WEBHOOK_URL, config.MAIL_WEBHOOK_TOKEN) : undefined;
  const wecom =
    config.WECOM_CORP_ID && config.WECOM_SECRET && config.WECOM_AGENT_ID
      ? new WeComApi({ corpId: config.WECOM_CORP_ID, corpSecret: config.WECOM_SECRET, agentId: Number(config.WECOM_AGENT_ID), baseUrl: config.WECOM_API_BASE })
      : undefined;
  const orderUpdates = new OrderUpdates({
    i18n,
    defaultLocale: config.DEFAULT_LOCALE,
    canDeliver,
    sms,
    post: async (conversation, text) => ({ id: String((await storeChatMessage({ events: d.events, outbox: d.outbox }, conversation, { author: 'bot', text }))._id) }),
  });
  onNoticeError((err, notice) => log.error({ err, kind: notice.kind }, 'notice listener failed'));
  const stops = [onNotice(noticeDispatcher({ i18n, locale: config.DEFAULT_LOCALE, log, publicUrl: config.PUBLIC_URL, wecom, email, alertWeCom: config.ALERT_WECOM_TO, alertEmails: config.ALERT_EMAIL_TO }))];
  // SLA figures are computed when a chat closes (a sweep job catches up on any missed).
  d.events.on('conversation.updated', async ({ conversation, change }) => {
    if (change === 'closed') await recordMetric(conversation._id, sla);
  });
  const jobs: JobDefinition[] = [
    contractRenewalJob(),
    complaintDeadlinesJob({ remindMinutes: config.COMPLAINT_REMIND_MINUTES }),
    leadRemindersJob(),
    monthlyReportsJob(),
    qaSamplingJob({ perAgent: config.QA_SAMPLE_PER_AGENT }),
    conversationMetricsJob(sla),
    ...(config.BACKUP_ENABLED ? [databaseBackupJob({ dir: path.resolve(config.BACKUP_DIR), cron: config.BACKUP_CRON, keep: config.BACKUP_KEEP, key: config.BACKUP_KEY ? parsePiiKey(config.BACKUP_KEY) : undefined, log })] : []),
  ];
  const plugins = backOfficePlugins({ sessions: d.sessions, orderUpdates, i18n, targets: { firstResponseSeconds: sla.firstResponseSeconds, resolutionSeconds: sla.resolutionSeconds }, qaPerAgent: config.QA_SAMPLE_PER_AGENT });
  return {
    jobs,
    plugins,
    orderUpdates,
    i18n,
    sla,
    /** Console sockets hear of notices. */
    attach(consoleNsp: Namespace): void {
      stops.push(registerBackOfficeNotices(consoleNsp));
    },
    close(): void {
      for (const stop of stops.splice(0)) stop();
    },
  };
}

export type BackOffice = ReturnType<typeof createBackOffice>;

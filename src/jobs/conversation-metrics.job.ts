import { backfillMetrics, type SlaSettings } from '../domain/report/metrics.service';
import type { JobDefinition } from './scheduler';

/** The SLA figures of closed chats the close listener missed (a crash, an instance restarted) are computed. */
export function conversationMetricsJob(sla: SlaSettings, now: () => Date = () => new Date()): JobDefinition {
  return {
    name: 'conversation-metrics',
    repeat: '10 minutes',
    run: async () => {
      await backfillMetrics(sla, now());
    },
  };
}

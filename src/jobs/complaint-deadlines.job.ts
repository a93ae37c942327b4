import { sweepComplaintDeadlines } from '../domain/complaint/complaint.service';
import type { JobDefinition } from './scheduler';

/**
 * 24 小时反馈 (000 §7-5): every few minutes, handlers are reminded of feedback falling due within
 * `remindMinutes`, and deadlines that passed are escalated to the managers — each once per deadline
 * (claimed by compare-and-set on the complaint).
 */
export function complaintDeadlinesJob(deps: { remindMinutes: number; now?: () => Date }): JobDefinition {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'complaint-deadlines',
    repeat: '5 minutes',
    run: async () => {
      await sweepComplaintDeadlines(now(), deps.remindMinutes * 60_000);
    },
  };
}

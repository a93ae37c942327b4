import { remindDueLeads } from '../domain/lead/lead.service';
import type { JobDefinition } from './scheduler';

/** 跟踪提醒: leads whose next contact has come are brought to their agent and consultant, once per date. */
export function leadRemindersJob(now: () => Date = () => new Date()): JobDefinition {
  return {
    name: 'lead-reminders',
    repeat: '15 minutes',
    run: async () => {
      await remindDueLeads(now());
    },
  };
}

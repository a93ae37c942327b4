import { SYSTEM } from '../domain/audit/audit.service';
import { generateDueMonthlyReports } from '../domain/report/report-document.service';
import type { JobDefinition } from './scheduler';

/**
 * 每月5号之前编写上月投诉分析汇报 (000 §7-5): at 07:00 on the 1st to the 4th, the previous month's
 * complaint analysis (and inquiry analysis, 000 §7-1) is generated if it is not there yet, so a
 * day the service was down is made up before the 5th.
 */
export function monthlyReportsJob(now: () => Date = () => new Date()): JobDefinition {
  return {
    name: 'monthly-reports',
    repeat: '0 7 1-4 * *',
    run: async () => {
      await generateDueMonthlyReports(now(), SYSTEM);
    },
  };
}

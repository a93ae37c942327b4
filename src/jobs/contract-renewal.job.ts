import { remindRenewals } from '../domain/contract/contract.service';
import type { JobDefinition } from './scheduler';

/**
 * 续签提醒 (000 §7-3): every morning, contracts that end within 15 days and have no renewal in
 * progress become `due`, a renewal follow-up is scheduled, and the store's managers, the consultant
 * and the console's managers are told. Each contract is moved to `due` by compare-and-set first
 * (contract.service remindRenewals), so two runs never tell twice.
 */
export function contractRenewalJob(now: () => Date = () => new Date()): JobDefinition {
  return {
    name: 'contract-renewal-reminders',
    repeat: '0 8 * * *',
    run: async () => {
      await remindRenewals(now());
    },
  };
}

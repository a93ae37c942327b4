import { Contract, RENEWAL_NOTICE_DAYS } from '../domain/contract/contract.model';
import { FollowUp } from '../domain/follow-up/follow-up.model';
import { recordAudit, SYSTEM } from '../domain/audit/audit.service';
import type { JobDefinition } from './scheduler';

/**
 * 续签提醒 (000 §7-3): every morning, contracts that end within 15 days and have no renewal in
 * progress become `due`, and a renewal follow-up is scheduled for the responsible consultant.
 * Agenda runs it on one instance; each contract is moved to `due` by compare-and-set first.
 */
export function contractRenewalJob(now: () => Date = () => new Date()): JobDefinition {
  return {
    name: 'contract-renewal-reminders',
    repeat: '0 8 * * *',
    run: () => remind(now()),
  };
}

async function remind(today: Date): Promise<void> {
  const horizon = new Date(today.getTime() + RENEWAL_NOTICE_DAYS * 24 * 3600_000);
  const due = await Contract.find({ end: { $gte: today, $lte: horizon }, 'renewal.state': 'none' }).limit(500);
  for (const contract of due) {
    const claimed = await Contract.updateOne(
      { _id: contract._id, 'renewal.state': 'none' },
      { $set: { 'renewal.state': 'due', 'renewal.notifiedAt': today }, $push: { history: { from: 'none', to: 'due', at: today, note: 'renewal reminder' } } },
    );
    if (!claimed.modifiedCount) continue;
    await FollowUp.create({ targetType: 'customer', customer: contract.customer, contract: contract._id, reason: 'renewal', dueAt: today, assignee: contract.consultant, script: 'contract-renewal' });
    await recordAudit(SYSTEM, 'contract.renewal_due', { type: 'Contract', id: contract._id }, { end: contract.end, store: contract.store });
  }
}

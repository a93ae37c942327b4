import { Contract, RENEWAL_NOTICE_DAYS } from '../domain/contract/contract.model';
import { FollowUp } from '../domain/follow-up/follow-up.model';
import { recordAudit, SYSTEM } from '../domain/audit/audit.service';
import { newLockOwner, withLock } from '../db/lock';
import type { JobDefinition } from './scheduler';

const owner = newLockOwner();

/**
 * 续签提醒 (000 §7-3): every morning, contracts that end within 15 days and have no renewal in
 * progress become `due`, and a renewal follow-up is scheduled for the responsible consultant.
 * Runs under a lock of its own: agenda's job lock is not safe between instances on FerretDB.
 */
export function contractRenewalJob(now: () => Date = () => new Date()): JobDefinition {
  return {
    name: 'contract-renewal-reminders',
    repeat: '0 8 * * *',
    run: () => withLock('job:contract-renewal-reminders', owner, () => remind(now()), () => new Error('contract-renewal-reminders is running in another instance'), 10 * 60_000),
  };
}

async function remind(today: Date): Promise<void> {
  const horizon = new Date(today.getTime() + RENEWAL_NOTICE_DAYS * 24 * 3600_000);
  const due = await Contract.find({ end: { $gte: today, $lte: horizon }, 'renewal.state': 'none' }).limit(500);
  for (const contract of due) {
    contract.renewal = { ...contract.renewal, state: 'due', notifiedAt: today };
    contract.history.push({ from: 'none', to: 'due', at: today, note: 'renewal reminder' });
    await contract.save();
    await FollowUp.create({ targetType: 'customer', customer: contract.customer, contract: contract._id, reason: 'renewal', dueAt: today, assignee: contract.consultant, script: 'contract-renewal' });
    await recordAudit(SYSTEM, 'contract.renewal_due', { type: 'Contract', id: contract._id }, { end: contract.end, store: contract.store });
  }
}

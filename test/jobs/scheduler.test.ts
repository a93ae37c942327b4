import { useTestDatabase } from '../helpers/database';
import { testLogger } from '../helpers/logger';
import { Contract, Customer, FollowUp, AuditLog } from '../../src/domain/models';
import { createScheduler } from '../../src/jobs/scheduler';
import { contractRenewalJob } from '../../src/jobs/contract-renewal.job';

const uri = useTestDatabase(__filename);
const day = 24 * 3600_000;

describe('scheduled jobs', () => {
  it('agenda runs the renewal job: contracts ending within 15 days get one renewal follow-up', async () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const customer = await Customer.create({ name: '赵女士', gender: 'female' });
    const soon = await Contract.create({ number: 'HT-SOON', customer: customer._id, start: new Date(now.getTime() - 300 * day), end: new Date(now.getTime() + 10 * day), amountFen: 100000, store: '观山湖店' });
    const later = await Contract.create({ number: 'HT-LATER', customer: customer._id, start: now, end: new Date(now.getTime() + 60 * day), amountFen: 100000 });
    const ended = await Contract.create({ number: 'HT-ENDED', customer: customer._id, start: new Date(now.getTime() - 400 * day), end: new Date(now.getTime() - day), amountFen: 100000 });

    const scheduler = await createScheduler(uri(), 'Asia/Shanghai', [contractRenewalJob(() => now)], testLogger, '100 milliseconds');
    try {
      const finished = (name: string) => new Promise<void>((resolve) => scheduler.once(`complete:${name}`, () => resolve()));
      const first = finished('contract-renewal-reminders');
      await scheduler.now('contract-renewal-reminders', {});
      await first;
      const second = finished('contract-renewal-reminders');
      await scheduler.now('contract-renewal-reminders', {});
      await second;
      const repeating = await scheduler.jobs({ name: 'contract-renewal-reminders', repeatInterval: '0 8 * * *' });
      expect(repeating).toHaveLength(1);
    } finally {
      await scheduler.stop();
      await scheduler.close({ force: true });
    }

    const followUps = await FollowUp.find({ reason: 'renewal' }).lean();
    expect(followUps).toHaveLength(1);
    expect(String(followUps[0].contract)).toBe(String(soon._id));
    expect((await Contract.findById(soon._id))?.renewal?.state).toBe('due');
    expect((await Contract.findById(later._id))?.renewal?.state).toBe('none');
    expect((await Contract.findById(ended._id))?.renewal?.state).toBe('none');
    expect(await AuditLog.countDocuments({ action: 'contract.renewal_due' })).toBe(1);
  });
});

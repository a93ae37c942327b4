import mongoose from 'mongoose';
import { useTestDatabase } from '../helpers/database';
import { testLogger } from '../helpers/logger';
import { createScheduler } from '../../src/jobs/scheduler';

const uri = useTestDatabase(__filename);

describe('agenda with two service instances on one database', () => {
  it('runs every one-off job exactly once', async () => {
    const runs = mongoose.connection.db!.collection<{ job: number; by: string }>('bench_job_runs');
    const job = (by: string) => ({
      name: 'count-once',
      run: async (data: Record<string, unknown>) => {
        await runs.insertOne({ job: Number(data.n), by });
      },
    });
    const [a, b] = await Promise.all([createScheduler(uri(), 'Asia/Shanghai', [job('a')], testLogger, '100 milliseconds'), createScheduler(uri(), 'Asia/Shanghai', [job('b')], testLogger, '100 milliseconds')]);
    try {
      const total = 60;
      for (let n = 0; n < total; n++) await (n % 2 ? a : b).now('count-once', { n });
      for (let i = 0; i < 200 && (await runs.countDocuments()) < total; i++) await new Promise((r) => setTimeout(r, 100));
      // A little longer: a job run twice would show up now.
      await new Promise((r) => setTimeout(r, 1500));
      const all = await runs.find().toArray();
      expect(all).toHaveLength(total);
      expect(new Set(all.map((r) => r.job)).size).toBe(total);
      // Both instances took part.
      expect(new Set(all.map((r) => r.by))).toEqual(new Set(['a', 'b']));
    } finally {
      await Promise.all([a, b].map(async (s) => {
        await s.stop();
        await s.close({ force: true });
      }));
    }
  });
});

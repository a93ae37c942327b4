import { sampleWeek } from '../domain/qa/qa.service';
import type { JobDefinition } from './scheduler';

/** 质检抽查 (002 ch.8): every Monday, a random sample of each agent's chats of the week before waits for scoring. */
export function qaSamplingJob(deps: { perAgent: number; now?: () => Date }): JobDefinition {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'qa-sampling',
    repeat: '0 6 * * 1',
    run: async () => {
      await sampleWeek(now(), deps.perAgent);
    },
  };
}

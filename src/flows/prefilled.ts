import type { FlowRuntime } from './flow-runtime';

/** Where a flow's values record which answers came from a detail given earlier, not a question. */
export const PREFILLED = '_prefilled';

/** The values filled from details and not yet passed by their question. */
export function prefilledOf(rt: FlowRuntime): string[] {
  const list = rt.state.values[PREFILLED];
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
}

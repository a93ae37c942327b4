import type { StepOf } from '../flow-schema';
import type { FlowRuntime, StepOutcome } from '../flow-runtime';

/**
 * action: run a side effect (create a lead, an order…), keep the values it returns, then go on.
 * A failing action goes to onError when the flow has one; otherwise the error reaches the turn's
 * error handler, which apologises and keeps the customer where they were.
 */
export async function enterAction(step: StepOf<'action'>, rt: FlowRuntime): Promise<StepOutcome> {
  let result;
  try {
    result = await rt.runAction(step.action, step.with ?? {});
  } catch (err) {
    if (step.onError) {
      rt.state.values.lastError = (err as Error).message;
      return { type: 'next', step: step.onError };
    }
    throw err;
  }
  Object.assign(rt.state.values, result.values ?? {});
  if (result.handoff) return { type: 'handoff', handoff: result.handoff };
  if (result.next) return { type: 'next', step: result.next };
  return step.next ? { type: 'next', step: step.next } : { type: 'end', menu: false };
}

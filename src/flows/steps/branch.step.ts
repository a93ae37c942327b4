import type { Condition, StepOf } from '../flow-schema';
import type { FlowRuntime, StepOutcome } from '../flow-runtime';

function holds(c: Condition, rt: FlowRuntime): boolean {
  const actual = c.value !== undefined ? rt.state.values[c.value] : rt.customer[c.customer!];
  if (c.exists !== undefined && (actual !== undefined && actual !== null && actual !== '') !== c.exists) return false;
  if (c.equals !== undefined && actual !== c.equals) return false;
  if (c.in !== undefined && !c.in.includes(actual as string | number)) return false;
  if (c.lte !== undefined && !(typeof actual === 'number' && actual <= c.lte)) return false;
  if (c.gte !== undefined && !(typeof actual === 'number' && actual >= c.gte)) return false;
  return true;
}

/** branch: the first case whose condition holds, else `else`. */
export function enterBranch(step: StepOf<'branch'>, rt: FlowRuntime): StepOutcome {
  const match = step.cases.find((c) => holds(c.if, rt));
  return { type: 'next', step: match ? match.next : step.else };
}

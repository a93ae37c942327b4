import type { StepOf } from '../flow-schema';
import type { FlowRuntime, StepOutcome } from '../flow-runtime';

/** say: one or more texts (with optional buttons), then on to `next` or the end of the flow. */
export function enterSay(step: StepOf<'say'>, rt: FlowRuntime): StepOutcome {
  const texts = Array.isArray(step.text) ? step.text : [step.text];
  texts.forEach((key, i) => rt.say(rt.t(key), i === texts.length - 1 && step.quickReplies ? rt.options(step.quickReplies) : undefined));
  return step.next ? { type: 'next', step: step.next } : { type: 'end', menu: false };
}

import type { QuickReply } from '../../core/message';
import type { StepOf } from '../flow-schema';
import type { FlowRuntime, StepOutcome, TurnInput } from '../flow-runtime';
import { parseAnswer } from '../input-parsers';

/** Buttons offered with the question: the options, the catalogue, or yes/no. */
export function askOptions(step: StepOf<'ask'>, rt: FlowRuntime): QuickReply[] | undefined {
  if (step.type === 'yesno') return rt.options([{ value: 'yes', label: 'common:yes' }, { value: 'no', label: 'common:no' }]);
  if (step.optionsFrom === 'catalogue') {
    return rt.catalogue.products.map((p) => ({ value: p.sku, label: `${p.name[rt.locale]} ¥${(p.priceFen / 100).toFixed(2)}` }));
  }
  return step.options ? rt.options(step.options) : undefined;
}

/** ask: put the question and wait. */
export function enterAsk(step: StepOf<'ask'>, rt: FlowRuntime): StepOutcome {
  rt.say(rt.t(step.prompt), askOptions(step, rt));
  return { type: 'wait' };
}

/**
 * ask, on an answer: save a valid one and go on (back to a confirm step when correcting); else
 * explain and ask again, and after the last try go to onGiveUp or offer a human.
 */
export function answerAsk(step: StepOf<'ask'>, rt: FlowRuntime, input: TurnInput): StepOutcome {
  const labels = (askOptions(step, rt) ?? []).map((o) => ({ value: o.value, label: o.label }));
  const parsed = parseAnswer(step, input, { locale: rt.locale, now: rt.now, timeZone: rt.timeZone, catalogue: rt.catalogue, labels });
  if (parsed.ok) {
    rt.state.values[step.save] = parsed.value;
    rt.state.retries = 0;
    if (rt.state.returnTo) {
      const back = rt.state.returnTo;
      rt.state.returnTo = undefined;
      return { type: 'next', step: back };
    }
    return { type: 'next', step: step.next };
  }
  rt.state.retries += 1;
  if (rt.state.retries >= step.retries) {
    rt.state.retries = 0;
    if (step.onGiveUp) return { type: 'next', step: step.onGiveUp };
    return { type: 'handoff', handoff: { reason: 'not_understood', priority: 0 } };
  }
  rt.say(`${rt.t(step.invalid ?? `common:invalid_${step.type}`)}\n${rt.t(step.prompt)}`, askOptions(step, rt));
  return { type: 'wait' };
}

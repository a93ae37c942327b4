import type { QuickReply } from '../../core/message';
import type { StepOf } from '../flow-schema';
import type { FlowRuntime, StepOutcome, TurnInput } from '../flow-runtime';
import { parseAnswer, type Parsed } from '../input-parsers';
import { PREFILLED, prefilledOf } from '../prefilled';

/** Buttons offered with the question: the options, the catalogue, or yes/no. */
export function askOptions(step: StepOf<'ask'>, rt: FlowRuntime): QuickReply[] | undefined {
  if (step.type === 'yesno') return rt.options([{ value: 'yes', label: 'common:yes' }, { value: 'no', label: 'common:no' }]);
  if (step.optionsFrom === 'catalogue') {
    return rt.catalogue.products.map((p) => ({ value: p.sku, label: `${p.name[rt.locale]} ¥${(p.priceFen / 100).toFixed(2)}` }));
  }
  return step.options ? rt.options(step.options) : undefined;
}

/** The answer read as this step reads it (nothing is saved). */
export function readAnswer(step: StepOf<'ask'>, rt: FlowRuntime, input: TurnInput): Parsed {
  const labels = (askOptions(step, rt) ?? []).map((o) => ({ value: o.value, label: o.label }));
  return parseAnswer(step, input, { locale: rt.locale, now: rt.now, timeZone: rt.timeZone, catalogue: rt.catalogue, labels });
}

/**
 * ask: put the question and wait — unless the customer already gave this detail (a filled
 * `slot`) and no correction is under way: then go on without asking twice.
 */
export function enterAsk(step: StepOf<'ask'>, rt: FlowRuntime): StepOutcome {
  const prefilled = prefilledOf(rt);
  if (step.slot && prefilled.includes(step.save) && !rt.state.returnTo) {
    // Passed once: asked again later (a correction, "重新查询"), the question is put.
    rt.state.values[PREFILLED] = prefilled.filter((v) => v !== step.save);
    return { type: 'next', step: step.next };
  }
  rt.say(rt.t(step.prompt), askOptions(step, rt));
  return { type: 'wait' };
}

/** Saves a valid answer (and what comes with it) and goes on, back to a read-back when correcting. */
export function saveAnswer(step: StepOf<'ask'>, rt: FlowRuntime, parsed: Extract<Parsed, { ok: true }>): StepOutcome {
  rt.state.values[step.save] = parsed.value;
  for (const [k, v] of Object.entries(parsed.extra ?? {})) {
    if (v === undefined) delete rt.state.values[k];
    else rt.state.values[k] = v;
  }
  rt.state.retries = 0;
  if (rt.state.returnTo) {
    const back = rt.state.returnTo;
    rt.state.returnTo = undefined;
    return { type: 'next', step: back };
  }
  return { type: 'next', step: step.next };
}

/**
 * ask, on an answer: save a valid one and go on (back to a confirm step when correcting); else
 * explain and ask again, and after the last try go to onGiveUp or offer a human.
 */
export function answerAsk(step: StepOf<'ask'>, rt: FlowRuntime, input: TurnInput): StepOutcome {
  const parsed = readAnswer(step, rt, input);
  if (parsed.ok) return saveAnswer(step, rt, parsed);
  rt.state.retries += 1;
  if (rt.state.retries >= step.retries) {
    rt.state.retries = 0;
    if (step.onGiveUp) return { type: 'next', step: step.onGiveUp };
    return { type: 'handoff', handoff: { reason: 'not_understood', priority: 0 } };
  }
  rt.say(`${rt.t(step.invalid ?? `common:invalid_${step.type}`)}\n${rt.t(step.prompt)}`, askOptions(step, rt));
  return { type: 'wait' };
}

/** Asks the waiting question again after the bot answered something else (a FAQ), counting no try. */
export function repeatAsk(step: StepOf<'ask'>, rt: FlowRuntime): void {
  rt.say(rt.t(step.prompt), askOptions(step, rt));
}

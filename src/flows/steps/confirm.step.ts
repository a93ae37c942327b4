import type { StepOf } from '../flow-schema';
import type { FlowRuntime, StepOutcome, TurnInput } from '../flow-runtime';
import { matchOption } from '../input-parsers';
import { parseYesNo } from '../../core/text/yes-no';
import { normalizeForMatching } from '../../core/text/normalize';

// Words that turn a named field into a correction (normalised: simplified, lower case).
const CHANGE_WORDS = /不|错|改|换|wrong|change|incorrect|not right|update/;

const YES_NO = [
  { value: 'yes', label: 'common:confirm_yes' },
  { value: 'no', label: 'common:confirm_no' },
];

/** The yes/no buttons of a read-back (numbered "1. 对，没问题 2. 不对，要修改" on text channels). */
export function confirmOptions(step: StepOf<'confirm'>, rt: FlowRuntime) {
  return rt.state.awaiting === 'field' ? step.fields.map((f) => ({ value: f.value, label: rt.t(f.label) })) : rt.options(YES_NO);
}

/** confirm: read the collected values back (核对) and ask whether they are right. */
export function enterConfirm(step: StepOf<'confirm'>, rt: FlowRuntime): StepOutcome {
  rt.state.awaiting = undefined;
  rt.say(rt.t(step.prompt), rt.options(YES_NO));
  return { type: 'wait' };
}

/** yes, no, or undefined: the bot's own labels and numbers first, then any yes/no wording. */
export function readConfirm(step: StepOf<'confirm'>, rt: FlowRuntime, input: TurnInput): boolean | undefined {
  if (rt.state.awaiting === 'field') return undefined;
  const picked = matchOption(input, rt.options(YES_NO));
  if (picked) return picked === 'yes';
  const fieldOptions = step.fields.map((f) => ({ value: f.value, label: rt.t(f.label) }));
  const named = input.text ? matchOption({ text: input.text }, fieldOptions) : undefined;
  const parsed = parseYesNo(input.text);
  // "地址不对" / "wrong address" is no yes/no word but a no that names its field.
  return parsed === undefined && named && CHANGE_WORDS.test(normalizeForMatching(input.text)) ? false : parsed;
}

/**
 * confirm, on an answer: yes → on; no → "which one is wrong?" and re-ask that value, then read
 * back again. A named field in the "no" ("地址不对") goes straight to that field.
 */
export function answerConfirm(step: StepOf<'confirm'>, rt: FlowRuntime, input: TurnInput): StepOutcome {
  const fieldOptions = step.fields.map((f) => ({ value: f.value, label: rt.t(f.label) }));
  if (rt.state.awaiting === 'field') {
    const chosen = matchOption(input, fieldOptions);
    const field = step.fields.find((f) => f.value === chosen);
    if (field) {
      rt.state.awaiting = undefined;
      rt.state.returnTo = rt.state.stepId;
      return { type: 'next', step: field.step };
    }
    return retry(step, rt, 'common:which_to_change', fieldOptions);
  }
  const yes = readConfirm(step, rt, input);
  if (yes === true) {
    rt.state.retries = 0;
    return { type: 'next', step: step.yes };
  }
  if (yes === false) {
    rt.state.retries = 0;
    // Only a named field, not the bot's own "不对，要修改" label, goes straight to that field.
    const named = input.text && !matchOption(input, rt.options(YES_NO)) ? step.fields.find((f) => f.value === matchOption({ text: input.text }, fieldOptions)) : undefined;
    if (named && step.fields.length > 1) {
      rt.state.returnTo = rt.state.stepId;
      return { type: 'next', step: named.step };
    }
    if (step.fields.length === 1) {
      rt.state.returnTo = rt.state.stepId;
      return { type: 'next', step: step.fields[0].step };
    }
    rt.state.awaiting = 'field';
    rt.say(rt.t('common:which_to_change'), fieldOptions);
    return { type: 'wait' };
  }
  return retry(step, rt, 'common:invalid_yesno', undefined);
}

function retry(step: StepOf<'confirm'>, rt: FlowRuntime, key: string, options: { value: string; label: string }[] | undefined): StepOutcome {
  rt.state.retries += 1;
  if (rt.state.retries >= step.retries) {
    rt.state.retries = 0;
    if (step.onGiveUp) return { type: 'next', step: step.onGiveUp };
    return { type: 'handoff', handoff: { reason: 'not_understood', priority: 0 } };
  }
  rt.say(rt.t(key), options ?? rt.options(YES_NO));
  return { type: 'wait' };
}

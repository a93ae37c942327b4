import type { Slots } from '../core/slots/slots';
import type { FlowDefinition, StepOf } from './flow-schema';
import type { FlowRuntime, TurnInput } from './flow-runtime';
import { readAnswer } from './steps/ask.step';
import { PREFILLED, prefilledOf } from './prefilled';

/** The slot as the answer its ask step would read. */
function asInput(step: StepOf<'ask'>, slots: Slots): TurnInput | undefined {
  switch (step.slot) {
    case 'product':
      return slots.product ? { text: '', choice: slots.product } : undefined;
    case 'payment':
      return slots.payment ? { text: '', choice: slots.payment } : undefined;
    case 'quantity':
      return slots.quantity ? { text: `${slots.quantity.value}${slots.quantity.unit ?? ''}` } : undefined;
    case 'name':
      return slots.name ? { text: slots.name.name } : undefined;
    case 'orderNumber':
      // An order is found by its number or by the phone it was placed with.
      return slots.orderNumber || slots.phone ? { text: String(slots.orderNumber ?? slots.phone) } : undefined;
    case 'address':
    case 'phone':
    case 'date':
    case 'statement':
      return slots[step.slot] ? { text: String(slots[step.slot]) } : undefined;
    default:
      return undefined;
  }
}

/**
 * Fills the flow's questions the customer has already answered in this message: each ask step
 * with a `slot` whose value is not known yet takes the detail, if it is a valid answer to that
 * question (an address too short for the address question stays unasked-for). Returns the slots used.
 */
export function prefill(flow: FlowDefinition, rt: FlowRuntime, slots: Slots, options: { statement: boolean; except?: string; only?: string }): string[] {
  const used: string[] = [];
  for (const step of Object.values(flow.steps)) {
    if (step.kind !== 'ask' || !step.slot || step.save === options.except || (options.only && step.save !== options.only) || rt.state.values[step.save] !== undefined) continue;
    if (step.slot === 'statement' && !options.statement) continue;
    if (step.slot === 'quantity' && step.type === 'number' && slots.quantity) {
      // The customer's unit is kept as said ("2 cases"), for the read-back and the count.
      const { value, unit } = slots.quantity;
      if ((step.min !== undefined && value < step.min) || (step.max !== undefined && value > step.max)) continue;
      rt.state.values[step.save] = value;
      if (unit) rt.state.values[`${step.save}Unit`] = unit;
      rt.state.values[PREFILLED] = [...prefilledOf(rt), step.save];
      used.push(step.slot);
      continue;
    }
    const input = asInput(step, slots);
    if (!input) continue;
    const parsed = readAnswer(step, rt, input);
    if (!parsed.ok) continue;
    rt.state.values[step.save] = parsed.value;
    for (const [k, v] of Object.entries(parsed.extra ?? {})) if (v !== undefined) rt.state.values[k] = v;
    rt.state.values[PREFILLED] = [...prefilledOf(rt), step.save];
    if (step.slot === 'name' && slots.name?.gender) rt.state.values.gender = slots.name.gender;
    used.push(step.slot);
  }
  return used;
}

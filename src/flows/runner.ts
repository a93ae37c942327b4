import type { FlowDefinition } from './flow-schema';
import type { FlowRuntime, FlowState, StepOutcome, TurnInput } from './flow-runtime';
import { enterSay } from './steps/say.step';
import { answerAsk, askOptions, enterAsk, readAnswer } from './steps/ask.step';
import { answerConfirm, confirmOptions, enterConfirm, readConfirm } from './steps/confirm.step';
import { matchOption } from './input-parsers';
import type { Step } from './flow-schema';
import type { QuickReply } from '../core/message';
import { enterBranch } from './steps/branch.step';
import { enterAction } from './steps/action.step';

/** A flow walked too many steps in one turn: a loop in the flow file. */
export class FlowLoopError extends Error {
  override name = 'FlowLoopError';
}

const MAX_STEPS_PER_TURN = 40;

/** How a turn left the flow: still in it (waiting), finished, or handed to a human. */
export type RunResult =
  | { status: 'waiting'; state: FlowState }
  | { status: 'ended'; menu: boolean }
  | { status: 'handoff'; state: FlowState; handoff: Extract<StepOutcome, { type: 'handoff' }>['handoff'] };

/**
 * Walks flows step by step: enters steps until one waits for the customer, the flow ends, or a
 * step hands off. Flows are the ones loaded at start; nothing is read or parsed per turn.
 */
export class FlowRunner {
  constructor(private readonly flows: ReadonlyMap<string, FlowDefinition>) {}

  get(flowId: string): FlowDefinition | undefined {
    return this.flows.get(flowId);
  }

  /** A fresh state at the start of a flow (or at a given step), with initial values. */
  initial(flowId: string, values: Record<string, unknown> = {}, stepId?: string): FlowState {
    const flow = this.flows.get(flowId);
    if (!flow) throw new Error(`unknown flow "${flowId}"`);
    return { flowId, version: flow.version, stepId: stepId ?? flow.start, values: { ...values }, retries: 0 };
  }

  /** Enters the state's current step and walks on. */
  async enter(rt: FlowRuntime): Promise<RunResult> {
    return this.walk(rt, await this.enterStep(rt));
  }

  /** Gives the customer's answer to the waiting step and walks on. */
  async answer(rt: FlowRuntime, input: TurnInput): Promise<RunResult> {
    const step = this.step(rt.state);
    if (!step) return this.enter(this.restart(rt));
    let outcome: StepOutcome;
    if (step.kind === 'ask') outcome = answerAsk(step, rt, input);
    else if (step.kind === 'confirm') outcome = answerConfirm(step, rt, input);
    else outcome = await this.enterStep(rt);
    return this.walk(rt, outcome);
  }

  /** The step a conversation waits at (an ask or a confirm), if its flow still has it. */
  waitingStep(state: FlowState | undefined): Step | undefined {
    return state ? this.step(state) : undefined;
  }

  /** Whether the waiting step would take this input as its answer (nothing is changed). */
  accepts(rt: FlowRuntime, input: TurnInput): boolean {
    const step = this.step(rt.state);
    if (step?.kind === 'ask') return readAnswer(step, rt, input).ok;
    if (step?.kind === 'confirm') {
      if (rt.state.awaiting === 'field') return !!matchOption(input, confirmOptions(step, rt));
      return readConfirm(step, rt, input) !== undefined;
    }
    return false;
  }

  /** The options the waiting step offers: what a typed number or label picks from. */
  options(rt: FlowRuntime): QuickReply[] {
    const step = this.step(rt.state);
    if (step?.kind === 'ask') return askOptions(step, rt) ?? [];
    if (step?.kind === 'confirm') return confirmOptions(step, rt);
    return [];
  }

  /** Puts the waiting question again (after the bot answered a question in between). */
  repeat(rt: FlowRuntime): void {
    const step = this.step(rt.state);
    if (step?.kind === 'ask') rt.say(rt.t(step.prompt), askOptions(step, rt));
    else if (step?.kind === 'confirm') rt.say(rt.t(rt.state.awaiting === 'field' ? 'common:which_to_change' : step.prompt), confirmOptions(step, rt));
  }

  /**
   * A state whose step no longer exists (the flow was edited and the step removed) starts the
   * flow again rather than guessing; values already given are kept.
   */
  private restart(rt: FlowRuntime): FlowRuntime {
    const flow = this.flows.get(rt.state.flowId);
    rt.state = flow ? { ...rt.state, version: flow.version, stepId: flow.start, retries: 0, returnTo: undefined, awaiting: undefined } : rt.state;
    return rt;
  }

  private step(state: FlowState) {
    return this.flows.get(state.flowId)?.steps[state.stepId];
  }

  private async walk(rt: FlowRuntime, first: StepOutcome): Promise<RunResult> {
    let outcome = first;
    for (let i = 0; i < MAX_STEPS_PER_TURN; i++) {
      switch (outcome.type) {
        case 'wait':
          return { status: 'waiting', state: rt.state };
        case 'end':
          return { status: 'ended', menu: outcome.menu };
        case 'handoff':
          return { status: 'handoff', state: rt.state, handoff: outcome.handoff };
        case 'next':
          rt.state.stepId = outcome.step;
          rt.state.retries = 0;
          break;
        case 'goto':
          rt.state = { ...this.initial(outcome.flow, rt.state.values, outcome.step) };
          break;
      }
      outcome = await this.enterStep(rt);
    }
    throw new FlowLoopError(`flow "${rt.state.flowId}" walked ${MAX_STEPS_PER_TURN} steps without waiting (at "${rt.state.stepId}")`);
  }

  private async enterStep(rt: FlowRuntime): Promise<StepOutcome> {
    const step = this.step(rt.state);
    if (!step) throw new Error(`flow "${rt.state.flowId}" has no step "${rt.state.stepId}"`);
    switch (step.kind) {
      case 'say':
        return enterSay(step, rt);
      case 'ask':
        return enterAsk(step, rt);
      case 'confirm':
        return enterConfirm(step, rt);
      case 'branch':
        return enterBranch(step, rt);
      case 'action':
        return enterAction(step, rt);
      case 'goto':
        return step.flow ? { type: 'goto', flow: step.flow, step: step.step } : { type: 'next', step: step.step! };
      case 'end': {
        const texts = step.text === undefined ? [] : Array.isArray(step.text) ? step.text : [step.text];
        for (const key of texts) rt.say(rt.t(key));
        return { type: 'end', menu: step.menu };
      }
    }
  }
}

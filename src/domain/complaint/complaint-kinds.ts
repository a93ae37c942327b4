/**
 * The complaint procedure (000 §7-5, §四-2; 002 ch.4) as plain constants (the console imports this
 * file). accepted (受理) → judged: justified → investigating, or not → rejected with the reply to
 * the customer → investigated (cause, responsible worker or agent, store) → proposed (solution) →
 * approved by the customer-service manager (serious: then also the general manager) → informed
 * (customer told) → followed_up (satisfaction) → closed with a summary. Progress feedback to the
 * customer is due within 24 hours whatever the state.
 */
export const COMPLAINT_STATUSES = ['accepted', 'rejected', 'investigating', 'investigated', 'proposed', 'approved', 'informed', 'followed_up', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_CATEGORIES = ['attitude', 'quality', 'delivery', 'billing', 'property_loss', 'theft', 'damage', 'injury', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_SEVERITIES = ['general', 'serious'] as const;

/** Who may take a step: any signed-in agent, a manager (客服部经理), or the general manager (总经理). */
export type StepRole = 'agent' | 'manager' | 'general_manager';

/** The steps of the procedure: from which states, to which, and who may take them. */
export const COMPLAINT_STEPS = {
  judge: { from: ['accepted'], role: 'agent' },
  investigate: { from: ['investigating'], role: 'agent' },
  propose: { from: ['investigated'], role: 'agent' },
  approve: { from: ['proposed'], role: 'manager' },
  returnProposal: { from: ['proposed'], role: 'manager' },
  inform: { from: ['approved'], role: 'agent' },
  followUp: { from: ['informed'], role: 'agent' },
  close: { from: ['followed_up', 'rejected'], role: 'manager' },
} as const satisfies Record<string, { from: readonly ComplaintStatus[]; role: StepRole }>;
export type ComplaintStep = keyof typeof COMPLAINT_STEPS;
export const COMPLAINT_STEP_NAMES = Object.keys(COMPLAINT_STEPS) as ComplaintStep[];

/** States in which the 24-hour progress feedback still runs. */
export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter((s) => s !== 'closed');

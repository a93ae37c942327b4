/**
 * The kinds of 服务禁语 and what an offence costs under 001 §二.2, as plain constants (the console
 * bundle imports this file): impolite or impatient wording 20 元, dismissal after three; quarrelling
 * with a customer: dismissal at once; mocking or insulting 200 元, dismissal after three; ignoring or
 * hanging up on a customer 20 元, dismissal after three. `nonstandard` is wording the scripts
 * replace (a big customer's price request) without a fine.
 */
export const PHRASE_CATEGORIES = ['impolite', 'quarrel', 'insult', 'hang_up', 'nonstandard'] as const;
export type PhraseCategory = (typeof PHRASE_CATEGORIES)[number];

/** Fine in yuan per offence, and after how many offences of the category dismissal follows. */
export const CATEGORY_RULES: Record<PhraseCategory, { fine: number; dismissalAt?: number }> = {
  impolite: { fine: 20, dismissalAt: 3 },
  quarrel: { fine: 0, dismissalAt: 1 },
  insult: { fine: 200, dismissalAt: 3 },
  hang_up: { fine: 20, dismissalAt: 3 },
  nonstandard: { fine: 0 },
};

/**
 * A ledger entry's state. `warning`: the guard stopped the message, the customer never saw it; no
 * fine, not counted. `fined`: the customer saw it (a manager reported the sent message) or a manager
 * confirmed the warning; it costs the fine and counts toward dismissal. `appealed`: the agent
 * contests a fine, not counted until a manager decides. `waived`: no fine, not counted.
 */
export const VIOLATION_STATUSES = ['warning', 'fined', 'appealed', 'waived'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

/** A manager's decision on a ledger entry, and the states it may be taken from. */
export const VIOLATION_DECISIONS = {
  confirm: { from: ['warning', 'appealed'], to: 'fined' },
  waive: { from: ['warning', 'fined', 'appealed'], to: 'waived' },
  appeal: { from: ['fined'], to: 'appealed' },
} as const satisfies Record<string, { from: readonly ViolationStatus[]; to: ViolationStatus }>;
export type ViolationDecision = keyof typeof VIOLATION_DECISIONS;

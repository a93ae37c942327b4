/** A contract's renewal: none yet → due (15 days before the end) → notified (the store told) → renewed or declined. */
export const RENEWAL_STATES = ['none', 'due', 'notified', 'renewed', 'declined'] as const;
export type RenewalState = (typeof RENEWAL_STATES)[number];

/**
 * The lead's work states (咨询受理, 000 §7-1) as plain constants (the console imports this file):
 * new → assigned to a sales consultant → contacted → signed (签单) or lost.
 */
export const LEAD_STATUSES = ['new', 'assigned', 'contacted', 'signed', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Where a lead may go from each state (a reassignment keeps it assigned). */
export const LEAD_MOVES: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['assigned', 'contacted', 'lost'],
  assigned: ['assigned', 'contacted', 'signed', 'lost'],
  contacted: ['assigned', 'contacted', 'signed', 'lost'],
  signed: [],
  lost: ['contacted'],
};

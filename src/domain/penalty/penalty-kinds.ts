/**
 * 职员处罚单 (000 §7-5): issued by the complaint officer → acknowledged by the person penalised
 * (an agent signs in the console; a domestic worker's signature on paper is recorded by an agent)
 * → signed off by the general manager, then deducted from that month's wages. Or cancelled.
 */
export const PENALTY_STATUSES = ['issued', 'acknowledged', 'signed', 'cancelled'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];
export const PENALTY_SUBJECTS = ['staff', 'user'] as const;

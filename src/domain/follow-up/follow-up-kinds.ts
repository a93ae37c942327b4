/** 回访 states: scheduled → done (result recorded), or missed / cancelled; in_progress while the bot asks. */
export const FOLLOW_UP_STATUSES = ['scheduled', 'in_progress', 'done', 'missed', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
/** Why it was scheduled: by hand, or by rule (after a placement, after delivery, repeat purchase, renewal…). */
export const FOLLOW_UP_REASONS = ['after_placement', 'after_order', 'repeat_purchase', 'after_complaint', 'periodic', 'renewal', 'other'] as const;
export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[number];
export const FOLLOW_UP_VIA = ['phone', 'sms', 'email', 'visit', 'chat'] as const;

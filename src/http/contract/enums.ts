/**
 * The contract's value lists, without zod, so the console bundle can import them as values (the
 * zod schemas beside this file reach the browser as types only).
 */
export { CHANNELS, LOCALES, type ChannelId, type Locale } from '../../core/message';
export { ROLES, PRESENCES, type Role, type Presence } from '../../domain/user/user-kinds';
export { PHRASE_CATEGORIES, VIOLATION_STATUSES, CATEGORY_RULES, type PhraseCategory, type ViolationStatus, type ViolationDecision } from '../../domain/forbidden-phrase/categories';

export const CONVERSATION_STATUSES = ['bot', 'waiting', 'assigned', 'closed'] as const;
export const HANDOFF_REASONS = ['customer_request', 'not_understood', 'flow', 'serious_complaint', 'agent'] as const;
export const AUTHORS = ['customer', 'bot', 'agent', 'system'] as const;
export const DELIVERY_STATES = ['pending', 'sent', 'failed', 'inline', 'none'] as const;
export const INBOX_VIEWS = ['waiting', 'mine', 'all'] as const;
export const VIOLATION_KINDS = ['blocked', 'sent'] as const;
export { LEAD_STATUSES } from '../../domain/lead/lead-kinds';
export { COMPLAINT_STATUSES, COMPLAINT_CATEGORIES } from '../../domain/complaint/complaint-kinds';

/**
 * The QA scorecard (002 ch.8; 001 服务标准): standard opening line, polite wording (no forbidden
 * phrases), correct information, the problem solved, the standard closing. Each 1–5.
 */
export const QA_ITEMS = ['opening', 'politeness', 'accuracy', 'resolution', 'closing'] as const;
export type QaItem = (typeof QA_ITEMS)[number];

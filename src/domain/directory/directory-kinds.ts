/**
 * The company directory (公司通讯录): people the back office hands work to who are not agents
 * of the console, or who sign as more than one. Sales consultants (销售顾问) receive leads and
 * renewals; store managers (门店经理) the renewals of their store; the general manager (总经理)
 * approves serious complaints and signs penalty slips (a console user linked to the entry).
 */
export const DIRECTORY_KINDS = ['sales_consultant', 'store_manager', 'general_manager'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

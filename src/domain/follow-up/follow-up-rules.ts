import type { Types } from 'mongoose';
import { SYSTEM } from '../audit/audit.service';
import { localDay } from '../shared/local-day';
import { scheduleFollowUp } from './follow-up.service';

const DAY_MS = 24 * 3600_000;
const later = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

/** How many days after each event the rules schedule a visit (FOLLOW_UP_* settings). */
export interface FollowUpRuleDays {
  afterPlacement: number;
  afterDelivery: number;
  repeatPurchase: number;
}

let days: FollowUpRuleDays = { afterPlacement: 3, afterDelivery: 2, repeatPurchase: 30 };

/** Sets the rules' days (at start, from the configuration). */
export function setFollowUpRuleDays(next: FollowUpRuleDays): void {
  days = next;
}

/**
 * 安排回访 after a placement (000 §7-2): the customer (the bot's survey on their channel, or a
 * call) and the worker (a call) a few days after the worker went on duty. Once per placement.
 */
export async function followUpPlacement(p: { staff: Types.ObjectId; customer?: Types.ObjectId | null; contract?: Types.ObjectId | null; at: Date }): Promise<void> {
  const key = `after_placement:${String(p.staff)}:${String(p.customer ?? '')}:${localDay(p.at)}`;
  const dueAt = later(p.at, days.afterPlacement);
  if (p.customer) await scheduleFollowUp({ targetType: 'customer', customer: String(p.customer), contract: p.contract ? String(p.contract) : undefined, dueAt, reason: 'after_placement', ruleKey: `${key}:customer` }, SYSTEM);
  await scheduleFollowUp({ targetType: 'staff', staff: String(p.staff), contract: p.contract ? String(p.contract) : undefined, dueAt, reason: 'after_placement', script: 'staff-visit', ruleKey: `${key}:staff` }, SYSTEM);
}

/** 售后回访 after an order is delivered (001 工作内容 6): the bot's survey, or an agent's call. */
export async function followUpDelivery(order: { _id: Types.ObjectId; customer: Types.ObjectId }, at: Date): Promise<void> {
  await scheduleFollowUp({ targetType: 'customer', customer: String(order.customer), order: String(order._id), dueAt: later(at, days.afterDelivery), reason: 'after_order', ruleKey: `after_order:${String(order._id)}` }, SYSTEM);
}

/** 二次、多次回访 (001 工作内容 10): a call some weeks after an order is completed, to sell again. */
export async function followUpRepeatPurchase(order: { _id: Types.ObjectId; customer: Types.ObjectId }, at: Date): Promise<void> {
  await scheduleFollowUp(
    { targetType: 'customer', customer: String(order.customer), order: String(order._id), dueAt: later(at, days.repeatPurchase), reason: 'repeat_purchase', script: 'repeat-purchase', ruleKey: `repeat_purchase:${String(order._id)}` },
    SYSTEM,
  );
}

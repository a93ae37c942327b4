import { Types } from 'mongoose';
import type { ChannelId } from '../../core/message';
import { daysRange, eachDay } from '../shared/day-range';
import { reportTimeZone } from '../shared/local-day';

/** What every report filters by: local days (inclusive), a channel, an agent. */
export interface ReportFilter {
  from: string;
  to: string;
  channel?: ChannelId;
  agent?: string;
}

/** The `$match` of conversations (and their metrics) created in the period, for the channel and agent. */
export function conversationMatch(f: ReportFilter, agentField = 'assignee'): Record<string, unknown> {
  const { start, end } = daysRange(f.from, f.to);
  return { createdAt: { $gte: start, $lt: end }, ...(f.channel ? { channel: f.channel } : {}), ...(f.agent ? { [agentField]: new Types.ObjectId(f.agent) } : {}) };
}

/** The period's instants. */
export function periodOf(f: ReportFilter): { start: Date; end: Date } {
  return daysRange(f.from, f.to);
}

/** `$dateToString` of a date field as a local day, hour ("09") or month, in the company's zone. */
export function localPart(field: string, format: '%Y-%m-%d' | '%H' | '%Y-%m'): Record<string, unknown> {
  return { $dateToString: { format, date: field, timezone: reportTimeZone() } };
}

/** Counts keyed by a group's `_id`, every day of the period present (zeros where nothing happened). */
export function perDay<T extends { _id: string }>(rows: T[], f: ReportFilter, zero: Omit<T, '_id'>): (Omit<T, '_id'> & { day: string })[] {
  const by = new Map(rows.map((r) => [r._id, r]));
  return eachDay(f.from, f.to).map((day) => {
    const { _id, ...rest } = by.get(day) ?? ({ _id: day, ...zero } as T);
    void _id;
    return { day, ...(rest as Omit<T, '_id'>) };
  });
}

/** A share 0–1 rounded to three places (undefined when there is nothing to divide). */
export const share = (part: number, whole: number): number | undefined => (whole ? Math.round((part / whole) * 1000) / 1000 : undefined);
/** A mean rounded to two places. */
export const mean = (v: number | null | undefined): number | undefined => (typeof v === 'number' ? Math.round(v * 100) / 100 : undefined);

import { holidayOn } from '../../core/calendar/holidays';
import { isOpen, nextOpening, type BusinessHours } from '../../core/calendar/business-hours';
import type { FlowAction } from '../../flows/flow-runtime';
import { formatDateTime } from './format';

/**
 * greet: what the opening line needs (001 §一.1–2): the holiday of the day (元旦, 春节, 五一, 中秋,
 * 国庆 → "春节好"), and whether humans are in, else when they are back.
 */
export function greetAction(settings: { timeZone: string; businessHours: BusinessHours }): FlowAction {
  return async ({ now, locale }) => {
    const open = isOpen(settings.businessHours, now, settings.timeZone);
    return {
      values: {
        holiday: holidayOn(now, settings.timeZone) ?? 'none',
        open,
        backAt: open ? '' : formatDateTime(nextOpening(settings.businessHours, now, settings.timeZone), locale, settings.timeZone),
      },
    };
  };
}

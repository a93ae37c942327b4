/** 新到 new, 上岗 on duty (placed with a customer), 返回 returned from a placement, 辞职 resigned. */
export const STAFF_STATUSES = ['new', 'on_duty', 'returned', 'resigned'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** The movements a worker's status may make (a resigned worker re-hired starts as new). */
export const STAFF_MOVES: Record<StaffStatus, readonly StaffStatus[]> = {
  new: ['on_duty', 'resigned'],
  on_duty: ['returned', 'resigned'],
  returned: ['on_duty', 'resigned'],
  resigned: ['new'],
};

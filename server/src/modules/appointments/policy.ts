import { definePermissions } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';

export const appointmentPermissions = {
  /** Publish a hall's slots (号源) per window group and item. */
  publish: 'appointments.slot.publish',
  /** Read a hall's queue and call the next ticket at one of its windows (the hall's own clerks). */
  call: 'appointments.queue.call',
} as const;

definePermissions({
  'appointments.slot.publish': { zh: '发布大厅预约号源', en: "Publish a hall's appointment slots" },
  'appointments.queue.call': { zh: '窗口叫号', en: 'Call the next ticket at a window' },
});

registerErrors({
  'appointments.slot_full': { status: 409, zh: '该时段已约满，请选择其他时段', en: 'This slot is fully booked; choose another time' },
  'appointments.slot_closed': { status: 409, zh: '该时段不可预约（已过期或为非工作日）', en: 'This slot cannot be booked (past, or not a working day)' },
  'appointments.holiday': { status: 422, zh: '所选日期为节假日或休息日，大厅不开放', en: 'The hall is closed on the chosen days (holiday or weekend)' },
  'appointments.blocked': {
    status: 409,
    zh: '您多次预约未到，暂时不能预约',
    en: 'Booking is blocked for a while after repeated missed appointments',
  },
  'appointments.already_booked': {
    status: 409,
    zh: '您当天在该大厅已有预约，可改约或取消',
    en: 'You already have a booking at this hall that day; change or cancel it',
  },
  'appointments.booking_not_active': { status: 409, zh: '该预约已取消、已签到或已过期', en: 'This booking was cancelled, checked in or has lapsed' },
  'appointments.booking_not_today': { status: 409, zh: '该预约不是今天的，请按预约日期到场取号', en: 'This booking is not for today; come on the booked day' },
  'appointments.window_not_in_hall': { status: 422, zh: '该窗口不属于本大厅的任何窗口分组', en: "The window is not in any of this hall's window groups" },
});

import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every time the government shows is Beijing time, whatever the browser's zone. */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

export function setDayjsLocale(language: string): void {
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
}

/** An instant (ISO string with offset) as a date-time in Asia/Shanghai. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return dayjs(iso).tz(CITY_TIME_ZONE).format('YYYY-MM-DD HH:mm');
}

/** An instant as a date in Asia/Shanghai; a plain `YYYY-MM-DD` date is returned as is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dayjs(value).tz(CITY_TIME_ZONE).format('YYYY-MM-DD');
}

/** Today in Asia/Shanghai, as `YYYY-MM-DD`. */
export function todayInCity(): string {
  return dayjs().tz(CITY_TIME_ZONE).format('YYYY-MM-DD');
}

export { dayjs };

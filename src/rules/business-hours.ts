// Business hours, exactly: the local weekday and time in the profile's time zone against the weekly hours.
import { type BusinessHours, WEEKDAYS, type Weekday } from '../config/settings-rules.js';

export interface LocalTime {
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(timeZone: string, at: number): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const weekday = WEEKDAYS.find((d) => d === String(parts.weekday).slice(0, 3).toLowerCase()) ?? 'sun';
  return { weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

export const clockMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `minutes` is in [from, to); a range whose end is before its start runs past midnight. */
export function inRange(minutes: number, from: string, to: string): boolean {
  const a = clockMinutes(from);
  const b = clockMinutes(to);
  return a <= b ? minutes >= a && minutes < b : minutes >= a || minutes < b;
}

export function withinBusinessHours(hours: BusinessHours, at: number): boolean {
  if (!hours.enabled) return true;
  const { weekday, minutes } = localTime(hours.timeZone, at);
  const overnight = (r: { from: string; to: string }) => clockMinutes(r.from) > clockMinutes(r.to);
  const today = hours.weekly[weekday] ?? [];
  // Yesterday's ranges that run past midnight cover the early hours of today.
  const yesterday = hours.weekly[WEEKDAYS[(WEEKDAYS.indexOf(weekday) + 6) % 7]!] ?? [];
  return (
    today.some((r) => (overnight(r) ? minutes >= clockMinutes(r.from) : inRange(minutes, r.from, r.to))) ||
    yesterday.some((r) => overnight(r) && minutes < clockMinutes(r.to))
  );
}

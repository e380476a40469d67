/**
 * Calendar dates as `YYYY-MM-DD` strings (never timestamps: an ESD is a day, not an instant), months as `YYYY-MM`.
 * Pure: "today" is always derived from an instant and a time zone handed in by the caller.
 */
export type CalendarDate = string;
export type CalendarMonth = string;

/** The FAQ is dated 2019-10: no ESD can precede the feature itself. */
export const EARLIEST_ESD: CalendarDate = '2019-10-01';
/** An ESD further ahead than this is a typo, not a plan. */
export const MAX_YEARS_AHEAD = 3;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar date (`2026-02-30` is not), or null. */
export function parseCalendarDate(value: unknown): CalendarDate | null {
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return value;
}

/** A real `YYYY-MM` month, or null. */
export function parseCalendarMonth(value: unknown): CalendarMonth | null {
  if (typeof value !== 'string') return null;
  const m = MONTH_RE.exec(value);
  if (!m) return null;
  const month = Number(m[2]);
  return Number(m[1]) >= 1 && month >= 1 && month <= 12 ? value : null;
}

/** R7: a month-only estimate is stored as the first day of that month. */
export function firstDayOfMonth(month: CalendarMonth): CalendarDate {
  return `${month}-01`;
}

export function monthOf(date: CalendarDate): CalendarMonth {
  return date.slice(0, 7);
}

function toUtcMs(date: CalendarDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Same day of month `years` later; 29 Feb falls back to 28 Feb. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${date.slice(5, 7)}-${String(day).padStart(2, '0')}`;
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return (new Date(toUtcMs(date)).getUTCDay() + 6) % 7;
}

export function isWorkingDay(date: CalendarDate): boolean {
  return isoWeekday(date) < 5;
}

/** R5: "asked again the next working day" — the first Monday–Friday strictly after `date`. */
export function nextWorkingDay(date: CalendarDate): CalendarDate {
  let next = addDays(date, 1);
  while (!isWorkingDay(next)) next = addDays(next, 1);
  return next;
}

/** The day `days` working days (Monday–Friday) after `date`: Friday + 1 is Monday; `days` 0 is `date` itself. */
export function addWorkingDays(date: CalendarDate, days: number): CalendarDate {
  let day = date;
  for (let i = 0; i < days; i++) day = nextWorkingDay(day);
  return day;
}

/** The Monday of the ISO week that holds `date`. */
export function startOfIsoWeek(date: CalendarDate): CalendarDate {
  return addDays(date, -isoWeekday(date));
}

/** The ISO-8601 week of a date: its year (the year of the week's Thursday) and number (1–53). */
export function isoWeek(date: CalendarDate): { year: string; week: number } {
  const thursday = addDays(startOfIsoWeek(date), 3);
  const year = thursday.slice(0, 4);
  return { year, week: Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1 };
}

/** ISO-8601 week label, e.g. `2026-W49`. */
export function isoWeekLabel(date: CalendarDate): string {
  const { year, week } = isoWeek(date);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Zones already found valid; invalid ones are not kept, so arbitrary input cannot grow the set. */
const knownTimeZones = new Set<string>();

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  if (knownTimeZones.has(timeZone)) return true; // constructing a formatter costs ~70 µs: once per zone
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return false; // RangeError: the runtime does not know this zone
  }
  knownTimeZones.add(timeZone);
  return true;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
/**
 * The last parts worked out per zone, with the UTC minute they hold for: every offset in use since about 1900 is a
 * whole number of minutes, so the date and hour cannot change within one, and a card action asks several times
 * (formatToParts is the costly part). Only zones already in partsCache get an entry.
 */
const lastParts = new Map<string, { minute: number; parts: Record<string, string> }>();

function zonedParts(timeZone: string, now: Date): Record<string, string> {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = lastParts.get(timeZone);
  if (last?.minute === minute) return last.parts;
  let format = partsCache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
    });
    partsCache.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(now)) parts[p.type] = p.value;
  lastParts.set(timeZone, { minute, parts });
  return parts;
}

/** The calendar date a person in `timeZone` sees at instant `now`. */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  const p = zonedParts(timeZone, now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The hour (0–23) on the wall clock of a person in `timeZone` at instant `now`. */
export function localHourIn(timeZone: string, now: Date): number {
  return Number(zonedParts(timeZone, now).hour);
}

/** ISO-8601 instant with `Z`, the only instant format we store. */
export function toInstant(now: Date): string {
  return now.toISOString();
}

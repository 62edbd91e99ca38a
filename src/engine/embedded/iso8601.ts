/**
 * The ISO 8601 arithmetic timers need: durations with calendar months (P3M from Jan 31 is
 * Apr 30, as Zeebe and FEEL compute it), repeating intervals (R3/PT10M), and date-times
 * with offsets or IANA zones. UTC calendar; no dependency on the real clock.
 */

export interface IsoDuration {
  negative: boolean;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION =
  /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseDuration(text: string): IsoDuration | null {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim().endsWith('T') || !m.slice(2).some((part) => part !== undefined))
    return null;
  const n = (v: string | undefined): number => (v === undefined ? 0 : Number(v.replace(',', '.')));
  return {
    negative: m[1] === '-',
    years: n(m[2]),
    months: n(m[3]),
    weeks: n(m[4]),
    days: n(m[5]),
    hours: n(m[6]),
    minutes: n(m[7]),
    seconds: n(m[8]),
  };
}

/** Adds a duration in the UTC calendar; month arithmetic clamps to the month's last day. */
export function addDuration(from: Date, duration: IsoDuration): Date {
  const sign = duration.negative ? -1 : 1;
  const result = new Date(from.getTime());
  const totalMonths = sign * (duration.years * 12 + duration.months);
  if (totalMonths) {
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + totalMonths);
    const lastDay = new Date(
      Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
    ).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  const ms =
    ((duration.weeks * 7 + duration.days) * 86_400 +
      duration.hours * 3_600 +
      duration.minutes * 60 +
      duration.seconds) *
    1000;
  return new Date(result.getTime() + sign * ms);
}

export interface IsoCycle {
  /** -1 means unbounded (R/...). */
  repetitions: number;
  interval: IsoDuration;
  intervalText: string;
  start: Date | null;
}

/** Parses R<n>/<duration>, R/<duration> and R<n>/<start>/<duration> (cron cycles: cron.ts). */
export function parseCycle(text: string): IsoCycle | null {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3) return null;
  const rep = /^R(\d*)$/.exec(parts[0]);
  if (!rep) return null;
  const repetitions = rep[1] === '' ? -1 : Number(rep[1]);
  const intervalText = parts[parts.length - 1];
  const interval = parseDuration(intervalText);
  if (!interval) return null;
  let start: Date | null = null;
  if (parts.length === 3) {
    start = parseDateTime(parts[1]);
    if (!start) return null;
  }
  return { repetitions, interval, intervalText, start };
}

/** ISO date-time with Z, an offset, or [Zone]/@Zone; without zone it is read as UTC. */
export function parseDateTime(text: string): Date | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return null;
  const zoneStart = trimmed.search(/[@[]/);
  if (zoneStart > 0) {
    const zone = trimmed.slice(zoneStart + 1).replace(/\]$/, '');
    const local = trimmed.slice(0, zoneStart).replace(/([+-]\d\d:\d\d|Z)$/, '');
    return zonedDateTimeToDate(local, zone);
  }
  const hasOffset = /(Z|[+-]\d\d:?\d\d)$/.test(trimmed);
  const parsed = new Date(hasOffset ? trimmed : `${trimmed}Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** The instant of a wall-clock date-time in a zone (IANA name, offset, Z or UTC). */
export function zonedDateTimeToDate(localIso: string, zone: string): Date {
  if (zone === 'Z' || zone === 'UTC') return new Date(`${localIso}Z`);
  if (/^[+-]\d\d:\d\d$/.test(zone)) return new Date(`${localIso}${zone}`);
  const guess = new Date(`${localIso}Z`).getTime();
  const first = guess - zoneOffsetMs(guess, zone);
  const second = guess - zoneOffsetMs(first, zone); // settles DST transitions
  return new Date(second);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(utcMs: number, zone: string): number {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(utcMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

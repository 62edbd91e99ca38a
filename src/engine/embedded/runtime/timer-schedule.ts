import { TimerDefinition } from '../compiled-definition';
import { asDuration, asInstant, Feel } from '../feel';
import { cronGapMs, nextCronDue } from '../cron';
import { addDuration, parseCycle, parseDuration } from '../iso8601';
import { Variables } from '../types';
import { IncidentError } from './job-spec';

export interface TimerSchedule {
  dueAt: Date;
  /** 1 for a date or duration; n for R<n>/…; -1 for unbounded cycles. */
  repetitions: number;
  interval?: string;
}

export interface ScheduleOptions {
  /** Overrides a cycle's count when a repeating timer re-arms. */
  repetitions?: number;
  /**
   * A cycle repeating more often is an incident: deployment refuses such literals, and an
   * expression (`=cycle(duration("PT1S"))`) must not slip past that.
   */
  minCycleMs?: number;
}

/** Due date of a timer from its definition (ISO 8601 literal or FEEL), computed from the injected clock. */
export function scheduleTimer(
  feel: Feel,
  timer: TimerDefinition,
  variables: Variables,
  now: Date,
  { repetitions, minCycleMs = 0 }: ScheduleOptions = {},
): TimerSchedule {
  const raw = feel.evaluateValueRaw(timer.value, variables);
  switch (timer.type) {
    case 'timeDate': {
      const dueAt = asInstant(raw);
      if (!dueAt) throw invalid(feel, timer, raw, 'a date-time');
      return { dueAt, repetitions: 1 };
    }
    case 'timeDuration': {
      const text = asDuration(raw);
      const duration = text ? parseDuration(text) : null;
      if (!duration) throw invalid(feel, timer, raw, 'a duration');
      return { dueAt: addDuration(now, duration), repetitions: 1 };
    }
    case 'timeCycle': {
      const cycle = typeof raw === 'string' ? parseCycle(raw) : null;
      const cronDue = typeof raw === 'string' && !cycle ? nextCronDue(raw, now) : null;
      if (!cycle && !cronDue)
        throw invalid(
          feel,
          timer,
          raw,
          'an ISO 8601 repeating interval or a cron expression (six fields, seconds first)',
        );
      const gap = cycle
        ? addDuration(new Date(0), cycle.interval).getTime()
        : cronGapMs(raw as string, now);
      if (gap < minCycleMs) {
        throw new IncidentError(
          'EXTRACT_VALUE_ERROR',
          `The timer cycle '${raw}' repeats more often than every ${minCycleMs / 1000} s, the least interval allowed (ENGINE_MIN_TIMER_CYCLE_SECONDS)`,
        );
      }
      // A cron cycle repeats without end, at the next time it matches.
      if (!cycle) return { dueAt: cronDue!, repetitions: -1, interval: (raw as string).trim() };
      const dueAt = cycle.start && !repetitions ? cycle.start : addDuration(now, cycle.interval);
      return { dueAt, repetitions: repetitions ?? cycle.repetitions, interval: cycle.intervalText };
    }
  }
}

/** The next due date of a repeating timer after it fired (its interval: a duration or a cron expression). */
export function nextCycleDue(interval: string, firedAt: Date): Date {
  const duration = parseDuration(interval);
  const next = duration ? addDuration(firedAt, duration) : nextCronDue(interval, firedAt);
  if (!next) throw new Error(`invalid timer interval ${interval}`);
  return next;
}

function invalid(
  feel: Feel,
  timer: TimerDefinition,
  raw: unknown,
  expected: string,
): IncidentError {
  const shown =
    typeof raw === 'string'
      ? raw
      : raw && typeof raw === 'object' && 'iso' in raw
        ? String((raw as { iso: unknown }).iso)
        : String(raw);
  return new IncidentError(
    'EXTRACT_VALUE_ERROR',
    `Expected the timer '${timer.value}' to be ${expected}, but was '${shown}'.${feel.warningsNote()}`,
  );
}

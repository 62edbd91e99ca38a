import { CronExpressionParser } from 'cron-parser';

/** Spring's macros (what Zeebe's broker reads) as six fields. */
const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * SUN',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

/**
 * The expression as cron-parser is to read it, or null when Spring would refuse it: six fields,
 * `?` only for a day, no Jenkins `H` (cron-parser picks it at random on every reading, which
 * would move a timer each time it re-arms and slip past the least cycle interval).
 */
function springCron(expression: string): string | null {
  const text = expression.trim();
  if (text.startsWith('@')) return MACROS[text.toLowerCase()] ?? null;
  const fields = text.split(/\s+/);
  if (fields.length !== 6) return null;
  if (fields.some((f) => /H/i.test(f.replace(/[A-Z]{3}/gi, '')))) return null;
  if (
    fields
      .slice(0, 3)
      .concat(fields[4])
      .some((f) => f.includes('?'))
  )
    return null;
  return text;
}

function parse(expression: string, after: Date) {
  const text = springCron(expression);
  return text === null
    ? null
    : CronExpressionParser.parse(text, { currentDate: after, strict: true });
}

/**
 * Zeebe's cron timer cycles (8.1+): Spring's six fields, seconds first (`0 0 9 * * MON-FRI`),
 * or a macro (`@daily`); repeating without end. Read in the server's time zone, as Zeebe's
 * broker reads them in its own.
 */
export function nextCronDue(expression: string, after: Date): Date | null {
  try {
    return parse(expression, after)?.next().toDate() ?? null;
  } catch {
    return null;
  }
}

/**
 * The shortest wait between its next occurrences (a few dozen: fields combine, so a short gap
 * shows early): what the least cycle interval is checked against.
 */
export function cronGapMs(expression: string, after: Date): number {
  let gap = Infinity;
  try {
    const dates = parse(expression, after)?.take(40) ?? [];
    for (let i = 1; i < dates.length; i++)
      gap = Math.min(gap, dates[i].getTime() - dates[i - 1].getTime());
  } catch {
    // Not a cron expression: nothing to bound.
  }
  return gap;
}

import { CronExpressionParser } from 'cron-parser';

/**
 * Zeebe's cron timer cycles (8.1+): Spring's six fields, seconds first (`0 0 9 * * MON-FRI`),
 * or a macro (`@daily`); repeating without end. Read in the server's time zone, as Zeebe's
 * broker reads them in its own.
 */
export function nextCronDue(expression: string, after: Date): Date | null {
  try {
    return CronExpressionParser.parse(expression.trim(), { currentDate: after, strict: true })
      .next()
      .toDate();
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
    const dates = CronExpressionParser.parse(expression.trim(), {
      currentDate: after,
      strict: true,
    }).take(40);
    for (let i = 1; i < dates.length; i++)
      gap = Math.min(gap, dates[i].getTime() - dates[i - 1].getTime());
  } catch {
    // Not a cron expression: nothing to bound.
  }
  return gap;
}

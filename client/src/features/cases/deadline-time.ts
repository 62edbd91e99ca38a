import { romeLocalToIso } from '../../ui/format';

/** A deadline's day (YYYY-MM-DD) ends at midnight in Rome: the last instant it is still met. */
export function deadlineEnd(dueDate: string): string {
  return romeLocalToIso(`${dueDate}T23:59`);
}

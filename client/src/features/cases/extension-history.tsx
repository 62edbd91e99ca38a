import { dateTime, day } from '../../ui/format';
import { CaseDeadline } from './cases';

/** Earlier proroghe of a deadline: dates, who granted it, why, who recorded it and when. */
export function ExtensionHistory({ deadline }: { deadline: CaseDeadline }) {
  const { extensions, maxExtensions } = deadline;
  const cap =
    maxExtensions === null
      ? ''
      : ` (la legge ne consente ${maxExtensions === 1 ? 'una' : maxExtensions})`;
  if (extensions.length === 0) return <span>Nessuna{cap}</span>;
  return (
    <details>
      <summary>
        {extensions.length === 1 ? '1 proroga' : `${extensions.length} proroghe`}
        {cap}
      </summary>
      <ol className="small ps-3 mb-0 mt-1">
        {extensions.map((e) => (
          <li key={e.id} className="mb-1">
            dal {day(e.previousDue)} al <strong>{day(e.newDue)}</strong>, concessa da {e.grantedBy}:{' '}
            {e.reason}
            <div className="text-secondary">
              registrata da {e.recordedByName} il {dateTime(e.recordedAt)}
            </div>
          </li>
        ))}
      </ol>
    </details>
  );
}

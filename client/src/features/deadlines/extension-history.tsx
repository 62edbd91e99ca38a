import { Column, DataTable } from '../../ui/data-table';
import { Empty } from '../../ui/feedback';
import { dateTime, day } from '../../ui/format';
import { DeadlineExtension } from './deadlines';

const COLUMNS: Column<DeadlineExtension>[] = [
  { label: 'Scadenza prima', cell: (e) => day(e.previousDue) },
  { label: 'Scadenza dopo', cell: (e) => <span className="fw-semibold">{day(e.newDue)}</span> },
  { label: 'Motivo', cell: (e) => <span className="text-prewrap">{e.reason}</span> },
  { label: 'Concessa da', cell: (e) => e.grantedBy },
  {
    label: 'Registrata da',
    cell: (e) => (
      <>
        {e.recordedByName}
        <div className="small text-secondary">{dateTime(e.recordedAt)}</div>
      </>
    ),
  },
];

/**
 * The proroghe of a deadline, oldest first: the dates before and after, why, who granted it,
 * who recorded it and when. For the proroga dialog and the case file's deadlines.
 */
export function ExtensionHistory({
  extensions,
  caption = 'Proroghe registrate',
}: {
  extensions: DeadlineExtension[];
  caption?: string;
}) {
  if (extensions.length === 0) return <Empty>Nessuna proroga registrata.</Empty>;
  return (
    <DataTable
      caption={caption}
      columns={COLUMNS}
      rows={extensions}
      rowKey={(e) => e.id}
      rowProps={(e) => ({ 'data-extension': e.id })}
    />
  );
}

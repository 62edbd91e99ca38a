import { Badge, Button } from 'design-react-kit';
import { useState } from 'react';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded, Notice } from '../../ui/feedback';
import { day, dueIn, isPast, personName } from '../../ui/format';
import { Loaded as LoadedState } from '../../ui/use-api';
import { useCaseFile } from './case-file';
import { CaseDeadline, DEADLINE_STATUSES } from '../deadlines/deadlines';
import { deadlineEnd } from './deadline-time';
import { ExtensionHistory } from './extension-history';
import { ProrogaDialog } from '../deadlines/proroga-dialog';

const canExtend = (d: CaseDeadline) =>
  d.status === 'running' && (d.maxExtensions === null || d.extensions.length < d.maxExtensions);

/**
 * The case's legal deadlines, each with the history of its proroghe; the case manager and the
 * coordinator record a new one (the path's timer moves with it).
 */
export function CaseDeadlines({ deadlines }: { deadlines: LoadedState<CaseDeadline[]> }) {
  const { detail, canWrite, refresh } = useCaseFile();
  const [extending, setExtending] = useState<CaseDeadline | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const columns: Column<CaseDeadline>[] = [
    {
      label: 'Scadenza',
      cell: (d) => (
        <>
          <span className="fw-semibold">{d.label}</span>
          {d.legalBasis && <div className="small text-secondary">{d.legalBasis}</div>}
        </>
      ),
    },
    {
      label: 'Entro il',
      cell: (d) => {
        const end = deadlineEnd(d.dueDate);
        const late = d.status === 'breached' || (d.status === 'running' && isPast(end));
        return (
          <>
            {day(d.dueDate)}
            {d.status === 'running' && (
              <div className={`small ${late ? 'text-danger fw-semibold' : 'text-secondary'}`}>
                {dueIn(end)}
              </div>
            )}
          </>
        );
      },
    },
    {
      label: 'Stato',
      cell: (d) => (
        <Badge color={DEADLINE_STATUSES[d.status].color}>{DEADLINE_STATUSES[d.status].label}</Badge>
      ),
    },
    { label: 'Proroghe', cell: (d) => <ExtensionHistory deadline={d} /> },
    {
      label: 'Azioni',
      hiddenLabel: true,
      cell: (d) =>
        canWrite && canExtend(d) ? (
          <Button
            color="primary"
            outline
            size="xs"
            onClick={() => {
              setNotice(null);
              setExtending(d);
            }}
            aria-label={`Proroga: ${d.label}`}
          >
            Proroga
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Notice>{notice}</Notice>
      <Loaded state={deadlines}>
        {(items) =>
          items.length === 0 ? (
            <Empty>Nessuna scadenza per questa cartella.</Empty>
          ) : (
            <DataTable
              caption="Scadenze della cartella"
              columns={columns}
              rows={items}
              rowKey={(d) => d.id}
              rowProps={(d) => ({ 'data-deadline': d.id })}
              rowClass={(d) => (d.status === 'breached' ? 'is-overdue' : undefined)}
            />
          )
        }
      </Loaded>
      <ProrogaDialog
        target={
          extending && {
            caseId: detail.id,
            deadlineId: extending.id,
            caseNumber: detail.caseNumber,
            personName: personName(detail.person),
          }
        }
        onClose={() => setExtending(null)}
        onRecorded={(updated) => {
          setNotice(
            `Proroga registrata: ${updated.label}, nuova scadenza ${day(updated.dueDate)}.`,
          );
          refresh();
        }}
      />
    </>
  );
}

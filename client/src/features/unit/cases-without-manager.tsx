import { Button } from 'design-react-kit';
import { useState } from 'react';
import { Link } from 'wouter';
import { query } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { day, personName } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import { CaseRef } from './case-manager-dialog';
import { useReloadOn } from './unit-task-list';

/** A case as GET /api/cases lists it (what this list shows of it). */
interface CaseSummary {
  id: string;
  caseNumber: string;
  openedAt: string;
  person: { surname: string; name: string };
  caseManager: { id: string; displayName: string } | null;
  pathNames: string[];
}

const PAGE = 25;

/** The unit's open cases nobody manages (`unassigned=true`), each with "Assegna il case manager". */
export function CasesWithoutManager({
  round,
  onAssign,
}: {
  round: number;
  onAssign: (target: CaseRef) => void;
}) {
  const [limit, setLimit] = useState(PAGE);
  const cases = useApi<{ items: CaseSummary[]; total: number }>(
    `/cases${query({ unassigned: true, status: 'open', limit })}`,
  );
  useReloadOn(round, cases.reload);
  const columns: Column<CaseSummary>[] = [
    {
      label: 'Cartella',
      cell: (c) => <Link href={`/casi/${c.caseNumber}`}>{c.caseNumber}</Link>,
    },
    { label: 'Persona', cell: (c) => personName(c.person) },
    { label: 'Percorsi', cell: (c) => (c.pathNames.length ? c.pathNames.join(', ') : 'nessuno') },
    { label: 'Aperta il', cell: (c) => day(c.openedAt) },
    {
      label: 'Azioni',
      hiddenLabel: true,
      cell: (c) => (
        <Button
          color="primary"
          size="xs"
          onClick={() =>
            onAssign({
              caseId: c.id,
              caseNumber: c.caseNumber,
              personName: personName(c.person),
              caseManager: c.caseManager,
            })
          }
        >
          Assegna il case manager
          <span className="visually-hidden"> della cartella {c.caseNumber}</span>
        </Button>
      ),
    },
  ];
  return (
    <Loaded state={cases}>
      {(page) =>
        page.items.length === 0 ? (
          <Empty>Ogni cartella aperta dell’unità ha il suo case manager.</Empty>
        ) : (
          <>
            <DataTable
              caption={`Cartelle aperte senza case manager: ${page.total}`}
              columns={columns}
              rows={page.items}
              rowKey={(c) => c.id}
              rowProps={(c) => ({ 'data-case': c.caseNumber })}
            />
            {page.items.length < page.total && (
              <Button color="primary" outline onClick={() => setLimit(limit + PAGE)}>
                Mostra altre ({page.total - page.items.length})
              </Button>
            )}
          </>
        )
      }
    </Loaded>
  );
}

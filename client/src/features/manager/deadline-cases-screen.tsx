import { Badge } from 'design-react-kit';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { Page as ListPage, query } from '../../api/client';
import { DataTable } from '../../ui/data-table';
import { ExportButtons } from '../../ui/export-buttons';
import { Empty, Loaded } from '../../ui/feedback';
import { day } from '../../ui/format';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { useApi } from '../../ui/use-api';
import { criteriaOf, DeadlineCase, filtersOf, measureLabel } from './deadline-figures';

const PAGE = 50;

const STATUS: Record<DeadlineCase['status'], { label: string; color: string }> = {
  running: { label: 'In corso', color: 'primary' },
  met: { label: 'Rispettata', color: 'success' },
  breached: { label: 'Superata', color: 'danger' },
};

/**
 * The deadlines behind one of the dashboard's figures: the case by its number (no person), the
 * path, the deadline with its legal basis, its day and state. A case number opens the case file
 * only where the manager holds a grant; the list is written to the access log.
 */
export function DeadlineCasesScreen() {
  const search = useSearch();
  const params = new URLSearchParams(search);
  const measure = params.get('misura') ?? 'breached';
  const filters = {
    measure,
    unitCode: params.get('unitCode') ?? '',
    bpmnProcessId: params.get('bpmnProcessId') ?? '',
    kind: params.get('kind') ?? '',
    caseManagerId: params.get('caseManagerId') ?? '',
    ...filtersOf(criteriaOf(params)),
  };
  const [offset, setOffset] = useState(0);
  const list = useApi<ListPage<DeadlineCase>>(
    `/stats/deadlines/cases${query({ ...filters, limit: PAGE, offset })}`,
  );
  const subject = params.get('voce');
  const title = `Scadenze: ${measureLabel(measure).toLowerCase()}${subject ? ` · ${subject}` : ''}`;

  return (
    <Page
      title={title}
      back={{ href: '/direzione/scadenze', label: 'Torna alle cifre' }}
      actions={<ExportButtons path="/stats/deadlines/cases" params={filters} of="dell’elenco" />}
    >
      <Loaded state={list}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nessuna scadenza.</Empty>
          ) : (
            <>
              <DataTable
                caption={`${title}: ${page.total}`}
                showCaption
                columns={[
                  {
                    label: 'Cartella',
                    cell: (d) =>
                      d.caseFileReadable ? (
                        <Link href={`/casi/${d.caseNumber}`}>{d.caseNumber}</Link>
                      ) : (
                        <>
                          {d.caseNumber}
                          <div className="small text-secondary">accesso non concesso</div>
                        </>
                      ),
                  },
                  { label: 'Unità', cell: (d) => d.unitCode },
                  {
                    label: 'Scadenza',
                    cell: (d) => (
                      <>
                        {d.label}
                        <div className="small text-secondary">
                          {d.legalBasis ?? 'base giuridica non indicata'}
                        </div>
                        {d.pathName && (
                          <div className="small text-secondary">Percorso: {d.pathName}</div>
                        )}
                      </>
                    ),
                  },
                  {
                    label: 'Scade il',
                    cell: (d) => (
                      <>
                        {day(d.dueDate)}
                        <div>
                          <Badge color={STATUS[d.status].color}>{STATUS[d.status].label}</Badge>
                        </div>
                        {d.metOn && <div className="small">rispettata il {day(d.metOn)}</div>}
                      </>
                    ),
                  },
                  { label: 'Proroghe', className: 'text-end', cell: (d) => d.extensions },
                ]}
                rows={page.items}
                rowKey={(d) => d.deadlineId}
                rowProps={(d) => ({ 'data-case': d.caseNumber })}
              />
              <Pager
                label="Pagine delle scadenze"
                total={page.total}
                offset={offset}
                limit={PAGE}
                onChange={setOffset}
              />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

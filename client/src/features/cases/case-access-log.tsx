import { useState } from 'react';
import { Page as ApiPage, query } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { Pager } from '../../ui/pager';
import { useCaseApi, useCaseFile } from './case-file';
import { ACCESS_ACTIONS, ACCESS_ENTITIES, AccessLogEntry, ROLE_NAMES } from './cases';

const PAGE = 50;

const COLUMNS: Column<AccessLogEntry>[] = [
  { label: 'Quando', cell: (e) => dateTime(e.at) },
  {
    label: 'Chi',
    cell: (e) => (
      <>
        <span className="fw-semibold">{e.displayName ?? e.username}</span>
        <div className="small text-secondary">{ROLE_NAMES[e.role] ?? e.role}</div>
      </>
    ),
  },
  {
    label: 'Che cosa',
    cell: (e) =>
      `${ACCESS_ACTIONS[e.action] ?? e.action}: ${ACCESS_ENTITIES[e.entity] ?? e.entity}`,
  },
  { label: 'Motivo', cell: (e) => e.reason ?? '—' },
];

/** Who opened or changed the case file, newest first: the unit's coordinator reads it. */
export function CaseAccessLog() {
  const { base } = useCaseFile();
  const [offset, setOffset] = useState(0);
  const log = useCaseApi<ApiPage<AccessLogEntry>>(
    `${base}/access-log${query({ limit: PAGE, offset })}`,
  );
  return (
    <>
      <p className="text-secondary">
        Ogni consultazione e modifica della cartella è registrata e conservata almeno 24 mesi.
      </p>
      <Loaded state={log}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nessun accesso registrato.</Empty>
          ) : (
            <>
              <DataTable
                caption="Accessi alla cartella, dal più recente"
                columns={COLUMNS}
                rows={page.items}
                rowKey={(e) => e.id}
              />
              <Pager
                label="Pagine del registro degli accessi"
                total={page.total}
                offset={offset}
                limit={PAGE}
                onChange={setOffset}
              />
            </>
          )
        }
      </Loaded>
    </>
  );
}

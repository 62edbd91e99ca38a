import { useState } from 'react';
import { Page as ApiPage, query } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { dateTime } from '../../ui/format';
import { Pager } from '../../ui/pager';
import { useCaseApi, useCaseFile } from './case-file';
import { ACCESS_ACTIONS, ACCESS_ENTITIES, AccessLogEntry, ROLE_NAMES } from './cases';

const PAGE = 50;

/** Consecutive entries of the same person doing the same thing, shown as one row. */
interface AccessGroup {
  first: AccessLogEntry;
  last: AccessLogEntry;
  count: number;
}

function grouped(entries: AccessLogEntry[]): AccessGroup[] {
  const groups: AccessGroup[] = [];
  for (const entry of entries) {
    const open = groups.at(-1);
    const same =
      open &&
      open.first.username === entry.username &&
      open.first.action === entry.action &&
      open.first.entity === entry.entity &&
      open.first.reason === entry.reason;
    if (same) {
      open.last = entry;
      open.count += 1;
    } else groups.push({ first: entry, last: entry, count: 1 });
  }
  return groups;
}

const COLUMNS: Column<AccessGroup>[] = [
  {
    label: 'Quando',
    cell: ({ first, last, count }) =>
      count === 1 ? (
        dateTime(first.at)
      ) : (
        <>
          {dateTime(last.at) === dateTime(first.at)
            ? dateTime(first.at)
            : `${dateTime(last.at)} – ${dateTime(first.at)}`}
          <div className="small text-secondary">{count} volte</div>
        </>
      ),
  },
  {
    label: 'Chi',
    cell: ({ first: e }) => (
      <>
        <span className="fw-semibold">{e.displayName ?? e.username}</span>
        <div className="small text-secondary">{ROLE_NAMES[e.role] ?? e.role}</div>
      </>
    ),
  },
  {
    label: 'Che cosa',
    cell: ({ first: e }) =>
      `${ACCESS_ACTIONS[e.action] ?? e.action}: ${ACCESS_ENTITIES[e.entity] ?? e.entity}`,
  },
  { label: 'Motivo', cell: ({ first: e }) => e.reason ?? '—' },
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
        Ogni consultazione e modifica della cartella è registrata e conservata almeno 24 mesi. Gli
        accessi consecutivi di una stessa persona per la stessa operazione sono riuniti in una riga.
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
                rows={grouped(page.items)}
                rowKey={(g) => g.first.id}
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

import { Badge, Button } from 'design-react-kit';
import { useState } from 'react';
import { Link } from 'wouter';
import { query } from '../../api/client';
import { ROLE_LABELS } from '../../session/session';
import { Column, DataTable } from '../../ui/data-table';
import { Loaded, Notice, useFlash } from '../../ui/feedback';
import { Page } from '../../ui/page';
import { useApi } from '../../ui/use-api';
import { ManagedAccount } from './accounts';

const PAGE = 50;

const COLUMNS: Column<ManagedAccount>[] = [
  {
    label: 'Nome',
    cell: (a) => (
      <>
        <Link href={`/amministrazione/utenti/${a.id}`} className="fw-semibold">
          {a.displayName}
        </Link>
        <div className="small text-secondary">{a.username}</div>
      </>
    ),
  },
  { label: 'Ruolo', cell: (a) => ROLE_LABELS[a.role] },
  { label: 'Unità', cell: (a) => a.unitCode ?? '—' },
  { label: 'Email', cell: (a) => a.email ?? '—' },
  {
    label: 'Stato',
    cell: (a) => (
      <>
        <Badge color={a.active ? 'success' : 'secondary'}>
          {a.active ? 'attivo' : 'disattivato'}
        </Badge>
        {a.oidcLinked && (
          <Badge color="primary" className="ms-1">
            SPID/CIE
          </Badge>
        )}
      </>
    ),
  },
];

/** The people who use Percorsi, their role and unit: created and changed by administrators. */
export function AccountsScreen() {
  const flash = useFlash();
  const [limit, setLimit] = useState(PAGE);
  const accounts = useApi<{ items: ManagedAccount[]; total: number }>(
    `/accounts${query({ limit })}`,
  );
  return (
    <Page
      title="Utenti"
      actions={
        <Link href="/amministrazione/utenti/nuovo" className="btn btn-primary">
          Nuovo utente
        </Link>
      }
    >
      <Notice>{flash}</Notice>
      <Loaded state={accounts}>
        {(page) => (
          <>
            <DataTable
              caption={`Utenti: ${page.total}`}
              columns={COLUMNS}
              rows={page.items}
              rowKey={(a) => a.id}
              rowProps={(a) => ({ 'data-account': a.username })}
            />
            {page.items.length < page.total && (
              <Button color="primary" outline onClick={() => setLimit(limit + PAGE)}>
                Mostra altri ({page.total - page.items.length})
              </Button>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

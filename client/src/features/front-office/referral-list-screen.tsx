import { Button } from 'design-react-kit';
import { useState } from 'react';
import { Link } from 'wouter';
import { query } from '../../api/client';
import { Empty, Loaded } from '../../ui/feedback';
import { SelectField } from '../../ui/fields';
import { Page } from '../../ui/page';
import { useApi } from '../../ui/use-api';
import { options, REFERRAL_STATUSES } from './labels';
import { ReferralTable } from './referral-list';
import { Referral } from './referrals';

const PAGE = 25;

/** The unit's referrals, newest first, by status. */
export function ReferralListScreen() {
  const [status, setStatus] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const referrals = useApi<{ items: Referral[]; total: number }>(
    `/referrals${query({ status, limit })}`,
  );
  return (
    <Page
      title="Segnalazioni dell’unità"
      back={{ href: '/sportello', label: 'Sportello' }}
      actions={
        <Link href="/sportello/segnalazioni/nuova" className="btn btn-primary">
          Registra una segnalazione
        </Link>
      }
    >
      <div className="row">
        <SelectField
          id="filtro-stato"
          className="col-12 col-md-4"
          label="Stato"
          value={status}
          placeholder="Tutti"
          options={options(REFERRAL_STATUSES)}
          onChange={(value) => {
            setStatus(value);
            setLimit(PAGE);
          }}
        />
      </div>
      <Loaded state={referrals}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nessuna segnalazione.</Empty>
          ) : (
            <>
              <ReferralTable caption={`Segnalazioni: ${page.total}`} rows={page.items} />
              {page.items.length < page.total && (
                <Button color="primary" outline onClick={() => setLimit(limit + PAGE)}>
                  Mostra altre ({page.total - page.items.length})
                </Button>
              )}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

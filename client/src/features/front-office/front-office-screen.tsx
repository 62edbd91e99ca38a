import { Link } from 'wouter';
import { query } from '../../api/client';
import { Empty, Loaded, Notice, useFlash } from '../../ui/feedback';
import { Page, Section } from '../../ui/page';
import { useApi } from '../../ui/use-api';
import { PersonSearch } from './person-search';
import { ReferralTable } from './referral-list';
import { Referral } from './referrals';

/**
 * The Sportello di Cittadinanza's desk: find the person in front of the operator, register
 * them, their household and their request; the unit's latest referrals and where they stand.
 */
export function FrontOfficeScreen() {
  const flash = useFlash();
  const latest = useApi<{ items: Referral[]; total: number }>(`/referrals${query({ limit: 10 })}`);
  return (
    <Page
      title="Sportello di Cittadinanza"
      actions={
        <>
          <Link href="/sportello/segnalazioni/nuova" className="btn btn-primary">
            Registra una segnalazione
          </Link>
          <Link href="/sportello/persone/nuova" className="btn btn-outline-primary">
            Registra una persona
          </Link>
          <Link href="/sportello/nuclei/nuovo" className="btn btn-outline-primary">
            Registra un nucleo familiare
          </Link>
        </>
      }
    >
      <Notice>{flash}</Notice>
      <Section title="Cerca una persona" id="cerca">
        <PersonSearch
          id="cerca-persona"
          actions={(person) => (
            <div className="d-flex flex-wrap gap-2">
              <Link
                href={`/sportello/persone/${person.id}`}
                className="btn btn-outline-primary btn-xs"
              >
                Apri la scheda
              </Link>
              <Link
                href={`/sportello/segnalazioni/nuova${query({ persona: person.id })}`}
                className="btn btn-primary btn-xs"
              >
                Nuova segnalazione
              </Link>
            </div>
          )}
        />
      </Section>
      <Section
        title="Ultime segnalazioni dell’unità"
        id="ultime"
        actions={<Link href="/sportello/segnalazioni">Tutte le segnalazioni</Link>}
      >
        <Loaded state={latest}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>Nessuna segnalazione registrata.</Empty>
            ) : (
              <ReferralTable caption="Ultime segnalazioni dell’unità" rows={page.items} />
            )
          }
        </Loaded>
      </Section>
    </Page>
  );
}

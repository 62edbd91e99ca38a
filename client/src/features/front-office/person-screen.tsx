import { Link } from 'wouter';
import { query } from '../../api/client';
import { useAccount } from '../../session/use-session';
import { Empty, Loaded, Notice, useFlash } from '../../ui/feedback';
import { day } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useApi } from '../../ui/use-api';
import { fullName, PersonDetail } from './persons';

/** A person of the registry: identity, contacts, households; the cases the caller may open. */
export function PersonScreen({ params }: { params: { id?: string } }) {
  const account = useAccount();
  const flash = useFlash();
  const person = useApi<PersonDetail>(`/persons/${params.id}`);
  const social = account.role === 'caseworker' || account.role === 'coordinator';
  return (
    <Loaded state={person}>
      {(p) => (
        <Page
          title={fullName(p)}
          lead={p.taxCode ?? 'Codice fiscale non indicato'}
          back={{ href: '/sportello', label: 'Sportello' }}
          actions={
            <>
              <Link
                href={`/sportello/segnalazioni/nuova${query({ persona: p.id })}`}
                className="btn btn-primary"
              >
                Nuova segnalazione
              </Link>
              <Link
                href={`/sportello/nuclei/nuovo${query({ persona: p.id })}`}
                className="btn btn-outline-primary"
              >
                Nuovo nucleo familiare
              </Link>
            </>
          }
        >
          <Notice>{flash}</Notice>
          <dl className="facts">
            <dt>Nato/a il</dt>
            <dd>
              {day(p.birthDate)}
              {p.birthPlace ? ` a ${p.birthPlace}` : ''}
            </dd>
            <dt>Sesso</dt>
            <dd>{p.sex === 'F' ? 'Femminile' : p.sex === 'M' ? 'Maschile' : 'non indicato'}</dd>
            <dt>Cittadinanza</dt>
            <dd>{p.citizenship ?? '—'}</dd>
            <dt>Telefono</dt>
            <dd>{p.phone ?? '—'}</dd>
            <dt>Email</dt>
            <dd>{p.email ?? '—'}</dd>
          </dl>
          <Section title="Nuclei familiari" id="nuclei">
            {(p.households ?? []).length === 0 ? (
              <Empty>Nessun nucleo registrato.</Empty>
            ) : (
              <ul>
                {(p.households ?? []).map((h) => (
                  <li key={h.id}>
                    {h.address} · Unità {h.unitCode} · {h.relationship}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {social && (
            <Section title="Cartelle" id="cartelle">
              {(p.cases ?? []).length === 0 ? (
                <Empty>Nessuna cartella consultabile.</Empty>
              ) : (
                <ul>
                  {(p.cases ?? []).map((c) => (
                    <li key={c.id}>
                      <Link href={`/casi/${c.caseNumber}`}>{c.caseNumber}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          )}
        </Page>
      )}
    </Loaded>
  );
}

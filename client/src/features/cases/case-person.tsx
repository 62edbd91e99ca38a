import { Link } from 'wouter';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/feedback';
import { day, personName } from '../../ui/format';
import { Section } from '../../ui/page';
import { useApi } from '../../ui/use-api';
import { PersonDetail } from '../front-office/persons';
import { useCaseApi, useCaseFile } from './case-file';
import { Household, HouseholdMember } from './cases';

/**
 * The person of the case and the household: identity and contacts, each member with their
 * relationship; the person's other cases the caller may open.
 */
export function CasePerson() {
  const { detail, canChange } = useCaseFile();
  // A manager reads the case file, not the registry: what the case itself says of them.
  const person = useCaseApi<PersonDetail>(canChange ? `/persons/${detail.person.id}` : null);
  const state = canChange ? person : { ...person, data: detail.person as PersonDetail };
  return (
    <Loaded state={state}>
      {(p) => {
        const households = p.households ?? [];
        const others = (p.cases ?? []).filter((c) => c.caseNumber !== detail.caseNumber);
        return (
          <>
            <Section title={personName(p)} id="persona-dati">
              <dl className="facts">
                <dt>Codice fiscale</dt>
                <dd>{p.taxCode ?? 'non indicato'}</dd>
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
            </Section>
            {detail.household ? (
              <HouseholdSection household={detail.household} subjectId={p.id} />
            ) : households.length === 0 ? (
              <Section title="Nucleo familiare" id="nucleo">
                <Empty>Nessun nucleo familiare registrato.</Empty>
              </Section>
            ) : (
              households.map((h) => <HouseholdById key={h.id} id={h.id} subjectId={p.id} />)
            )}
            {others.length > 0 && (
              <Section title="Altre cartelle della persona" id="altre-cartelle">
                <ul>
                  {others.map((c) => (
                    <li key={c.id}>
                      <Link href={`/casi/${c.caseNumber}`}>{c.caseNumber}</Link>
                    </li>
                  ))}
                </ul>
              </Section>
            )}
          </>
        );
      }}
    </Loaded>
  );
}

function HouseholdById({ id, subjectId }: { id: string; subjectId: string }) {
  const household = useApi<Household>(`/households/${id}`);
  return (
    <Loaded state={household}>
      {(h) => <HouseholdSection household={h} subjectId={subjectId} />}
    </Loaded>
  );
}

function HouseholdSection({ household, subjectId }: { household: Household; subjectId: string }) {
  const columns: Column<HouseholdMember>[] = [
    {
      label: 'Componente',
      cell: (m) => (
        <>
          <span className="fw-semibold">{personName(m.person)}</span>
          {m.person.id === subjectId && (
            <span className="small text-secondary"> (persona della cartella)</span>
          )}
        </>
      ),
    },
    { label: 'Relazione', cell: (m) => m.relationship },
    { label: 'Nato/a il', cell: (m) => day(m.person.birthDate) },
    { label: 'Codice fiscale', cell: (m) => m.person.taxCode ?? '—' },
  ];
  return (
    <Section title="Nucleo familiare" id={`nucleo-${household.id}`}>
      <p>
        {household.address} · Unità {household.unitCode}
      </p>
      <DataTable
        caption={`Componenti del nucleo di ${household.address}`}
        columns={columns}
        rows={household.members}
        rowKey={(m) => m.person.id}
      />
    </Section>
  );
}

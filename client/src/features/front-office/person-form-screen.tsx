import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { parseTaxCode } from '../../../../src/cases/tax-code/parse-tax-code.util';
import { taxCodeMatchesPerson } from '../../../../src/cases/tax-code/tax-code-matches-person.util';
import { ApiError } from '../../api/client';
import { ErrorAlert, flashNext } from '../../ui/feedback';
import { ErrorSummary, SelectField, TextField } from '../../ui/fields';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-api';
import { NewPerson, registerPerson } from './persons';

const LABELS: Record<string, string> = {
  taxCode: 'Codice fiscale',
  surname: 'Cognome',
  name: 'Nome',
  birthDate: 'Data di nascita',
  sex: 'Sesso',
  birthPlace: 'Luogo di nascita',
  citizenship: 'Cittadinanza',
  phone: 'Telefono',
  email: 'Email',
};

const EMPTY: Record<keyof typeof LABELS, string> = Object.fromEntries(
  Object.keys(LABELS).map((key) => [key, '']),
);

/**
 * Registers a person at the desk. The tax code is checked here with the server's own code
 * (src/cases/tax-code): its birth date and sex fill the fields left empty, and a code that does
 * not match the name or date typed is pointed out before sending.
 */
export function PersonFormScreen() {
  const [, navigate] = useLocation();
  const [person, setPerson] = useState(EMPTY);
  const [problems, setProblems] = useState<Array<{ field: string; messages: string[] }>>([]);
  const [existing, setExisting] = useState<string | null>(null);
  const save = useAction();

  const set = (field: string) => (value: string) => setPerson((p) => ({ ...p, [field]: value }));
  const setTaxCode = (value: string) => {
    const parsed = parseTaxCode(value);
    setPerson((p) => ({
      ...p,
      taxCode: value,
      ...(parsed.ok && !p.birthDate ? { birthDate: parsed.birthDate } : {}),
      ...(parsed.ok && !p.sex ? { sex: parsed.sex } : {}),
    }));
  };
  const taxCodeError = (() => {
    if (!person.taxCode.trim()) return null;
    const parsed = parseTaxCode(person.taxCode);
    if (!parsed.ok) return parsed.message;
    const check = taxCodeMatchesPerson(person.taxCode, {
      surname: person.surname || undefined,
      name: person.name || undefined,
      birthDate: person.birthDate || undefined,
      sex: (person.sex || undefined) as 'F' | 'M' | undefined,
    });
    return check.matches ? null : check.mismatches.map((m) => m.message).join(' ');
  })();
  const errorOf = (field: string) =>
    field === 'taxCode' && taxCodeError
      ? taxCodeError
      : (problems.find((p) => p.field === field)?.messages.join(' ') ?? null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setExisting(null);
    const local = [
      ...(taxCodeError ? [{ field: 'taxCode', messages: [taxCodeError] }] : []),
      ...(['surname', 'name'] as const)
        .filter((field) => !person[field].trim())
        .map((field) => ({ field, messages: ['Campo obbligatorio.'] })),
    ];
    setProblems(local);
    if (local.length > 0) return;
    const body = Object.fromEntries(
      Object.entries(person)
        .map(([key, value]) => [key, value.trim()])
        .filter(([, value]) => value !== ''),
    ) as unknown as NewPerson;
    void save.run(async () => {
      try {
        const created = await registerPerson(body);
        flashNext(`Persona registrata: ${created.surname} ${created.name}.`);
        navigate(`/sportello/persone/${created.id}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) setProblems(error.fieldProblems);
        if (error instanceof ApiError && error.status === 409)
          setExisting((error.details as { personId?: string } | undefined)?.personId ?? null);
        throw error;
      }
    });
  };
  const refusal = save.error;

  return (
    <Page title="Registra una persona" back={{ href: '/sportello', label: 'Sportello' }}>
      <ErrorSummary problems={problems} labels={LABELS} fieldId={(f) => `persona-${f}`} />
      {refusal && (refusal.status !== 400 || problems.length === 0) && (
        <ErrorAlert error={refusal} />
      )}
      {existing && (
        <p>
          <Link href={`/sportello/persone/${existing}`}>
            Apri la scheda della persona già registrata
          </Link>
        </p>
      )}
      <form onSubmit={submit} noValidate className="row">
        <TextField
          id="persona-taxCode"
          className="col-12 col-md-6"
          label={LABELS.taxCode}
          hint="16 caratteri; lasciare vuoto se la persona non ne ha uno."
          value={person.taxCode}
          maxLength={20}
          autoComplete="off"
          onChange={setTaxCode}
          error={errorOf('taxCode')}
        />
        <div className="w-100" />
        <TextField
          id="persona-surname"
          className="col-12 col-md-6"
          label={LABELS.surname}
          required
          value={person.surname}
          maxLength={100}
          onChange={set('surname')}
          error={errorOf('surname')}
        />
        <TextField
          id="persona-name"
          className="col-12 col-md-6"
          label={LABELS.name}
          required
          value={person.name}
          maxLength={100}
          onChange={set('name')}
          error={errorOf('name')}
        />
        <TextField
          id="persona-birthDate"
          className="col-12 col-md-4"
          type="date"
          label={LABELS.birthDate}
          value={person.birthDate}
          onChange={set('birthDate')}
          error={errorOf('birthDate')}
        />
        <SelectField
          id="persona-sex"
          className="col-12 col-md-4"
          label={LABELS.sex}
          value={person.sex}
          placeholder="Non indicato"
          options={[
            { value: 'F', label: 'Femminile' },
            { value: 'M', label: 'Maschile' },
          ]}
          onChange={set('sex')}
          error={errorOf('sex')}
        />
        <TextField
          id="persona-birthPlace"
          className="col-12 col-md-4"
          label={LABELS.birthPlace}
          value={person.birthPlace}
          maxLength={120}
          onChange={set('birthPlace')}
          error={errorOf('birthPlace')}
        />
        <TextField
          id="persona-citizenship"
          className="col-12 col-md-4"
          label={LABELS.citizenship}
          value={person.citizenship}
          maxLength={80}
          onChange={set('citizenship')}
          error={errorOf('citizenship')}
        />
        <TextField
          id="persona-phone"
          className="col-12 col-md-4"
          type="tel"
          label={LABELS.phone}
          value={person.phone}
          maxLength={40}
          onChange={set('phone')}
          error={errorOf('phone')}
        />
        <TextField
          id="persona-email"
          className="col-12 col-md-4"
          type="email"
          label={LABELS.email}
          value={person.email}
          maxLength={254}
          onChange={set('email')}
          error={errorOf('email')}
        />
        <div className="col-12 mt-3">
          <Button color="primary" type="submit" disabled={save.busy}>
            Registra la persona
          </Button>
        </div>
      </form>
    </Page>
  );
}

import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, ApiError } from '../../api/client';
import { ErrorAlert, flashNext } from '../../ui/feedback';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { FilePicker, MAX_DOCUMENT_BYTES } from '../../ui/file-picker';
import { nowInRome, romeLocalToIso } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useAction, useApi } from '../../ui/use-api';
import { CHANNELS, options, URGENCIES } from './labels';
import { PersonSearch } from './person-search';
import { fullName, Person } from './persons';
import { registerReferral } from './referrals';

const LABELS: Record<string, string> = {
  channel: 'Canale',
  senderName: 'Chi invia',
  urgency: 'Urgenza',
  receivedAt: 'Ricevuta il',
  personId: 'Persona interessata',
  subjectDescription: 'Persona interessata (se non registrata)',
  requestText: 'Richiesta',
  files: 'Allegati',
};

/**
 * A request received at the desk or sent by a third party (police, 114, hospital, court…):
 * registered with its register number and taken to the Segretariato's intake, where the unit's
 * social worker finds it; documents attached go with it.
 */
export function ReferralFormScreen() {
  const [, navigate] = useLocation();
  const preset = new URLSearchParams(useSearch()).get('persona');
  const presetPerson = useApi<Person>(preset ? `/persons/${preset}` : null);
  const [picked, setPicked] = useState<Person | null>(null);
  const person = picked ?? presetPerson.data ?? null;
  const [form, setForm] = useState({
    channel: 'spontaneous',
    senderName: '',
    urgency: 'ordinary',
    receivedAt: nowInRome(),
    subjectDescription: '',
    requestText: '',
  });
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<Array<{ field: string; messages: string[] }>>([]);
  const save = useAction();
  const set = (field: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const errorOf = (field: string) =>
    problems.find((p) => p.field === field)?.messages.join(' ') ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = [
      ...(!form.requestText.trim()
        ? [{ field: 'requestText', messages: ['Scrivere la richiesta come è stata espressa.'] }]
        : []),
      ...(form.channel !== 'spontaneous' && !form.senderName.trim()
        ? [{ field: 'senderName', messages: ['Indicare chi invia la segnalazione.'] }]
        : []),
      ...(files.some((f) => f.size > MAX_DOCUMENT_BYTES)
        ? [{ field: 'files', messages: ['Ogni allegato può essere al massimo di 10 MB.'] }]
        : []),
    ];
    setProblems(local);
    if (local.length > 0) return;
    void save.run(async () => {
      let created: { id: string; referralNumber: string };
      try {
        created = await registerReferral({
          channel: form.channel,
          urgency: form.urgency,
          requestText: form.requestText.trim(),
          receivedAt: romeLocalToIso(form.receivedAt),
          ...(form.senderName.trim() ? { senderName: form.senderName.trim() } : {}),
          ...(person ? { personId: person.id } : {}),
          ...(!person && form.subjectDescription.trim()
            ? { subjectDescription: form.subjectDescription.trim() }
            : {}),
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) setProblems(error.fieldProblems);
        throw error;
      }
      // The referral exists from here: an attachment refused is said on its page, not lost.
      const refused: string[] = [];
      for (const file of files) {
        const body = new FormData();
        body.append('file', file);
        await api('POST', `/referrals/${created.id}/documents`, body).catch((error: ApiError) =>
          refused.push(`${file.name}: ${error.message}`),
        );
      }
      flashNext(
        `Segnalazione registrata con il numero ${created.referralNumber}.` +
          (refused.length ? ` Allegati non caricati — ${refused.join('; ')}` : ''),
      );
      navigate(`/sportello/segnalazioni/${created.id}`);
    });
  };

  return (
    <Page title="Registra una segnalazione" back={{ href: '/sportello', label: 'Sportello' }}>
      <ErrorSummary problems={problems} labels={LABELS} fieldId={(f) => `segnalazione-${f}`} />
      {save.error && (save.error.status !== 400 || problems.length === 0) && (
        <ErrorAlert error={save.error} />
      )}
      <form onSubmit={submit} noValidate>
        <Section title="Da chi arriva" id="origine">
          <div className="row">
            <SelectField
              id="segnalazione-channel"
              className="col-12 col-md-4"
              label={LABELS.channel}
              required
              value={form.channel}
              options={options(CHANNELS)}
              onChange={set('channel')}
              error={errorOf('channel')}
            />
            <TextField
              id="segnalazione-senderName"
              className="col-12 col-md-4"
              label={LABELS.senderName}
              hint="Ente, ufficio o persona (es. Commissariato Oreto, Servizio 114)."
              required={form.channel !== 'spontaneous'}
              value={form.senderName}
              maxLength={200}
              onChange={set('senderName')}
              error={errorOf('senderName')}
            />
            <TextField
              id="segnalazione-receivedAt"
              className="col-12 col-md-4"
              type="datetime-local"
              label={LABELS.receivedAt}
              value={form.receivedAt}
              onChange={set('receivedAt')}
              error={errorOf('receivedAt')}
            />
            <SelectField
              id="segnalazione-urgency"
              className="col-12 col-md-4"
              label={LABELS.urgency}
              required
              hint="Immediata: rischio per l’incolumità, da trattare subito."
              value={form.urgency}
              options={options(URGENCIES)}
              onChange={set('urgency')}
              error={errorOf('urgency')}
            />
          </div>
        </Section>
        <Section title="Per chi" id="persona">
          {person ? (
            <div className="d-flex flex-wrap align-items-center gap-3" data-testid="persona-scelta">
              <span>
                <strong>{fullName(person)}</strong>
                {person.taxCode ? ` · ${person.taxCode}` : ''}
              </span>
              <Button
                color="secondary"
                outline
                size="xs"
                onClick={() => (
                  setPicked(null),
                  navigate('/sportello/segnalazioni/nuova', { replace: true })
                )}
              >
                Cambia persona
              </Button>
            </div>
          ) : (
            <>
              <PersonSearch
                id="segnalazione-persona"
                label="Cerca la persona interessata nell’anagrafe (codice fiscale o cognome e nome)"
                actions={(found) => (
                  <Button color="primary" size="xs" onClick={() => setPicked(found)}>
                    Scegli
                  </Button>
                )}
              />
              <TextField
                id="segnalazione-subjectDescription"
                label={LABELS.subjectDescription}
                hint="Se la persona non è registrata: nome, età, dove si trova."
                value={form.subjectDescription}
                maxLength={300}
                onChange={set('subjectDescription')}
                error={errorOf('subjectDescription')}
              />
            </>
          )}
        </Section>
        <Section title="La richiesta" id="richiesta">
          <TextAreaField
            id="segnalazione-requestText"
            label={LABELS.requestText}
            hint="La domanda espressa, con le parole di chi la porta."
            required
            rows={6}
            maxLength={20000}
            value={form.requestText}
            onChange={set('requestText')}
            error={errorOf('requestText')}
          />
          <FilePicker
            id="segnalazione-files"
            title={LABELS.files}
            hint="PDF, immagini, DOCX o ODT, fino a 10 MB ciascuno: vanno con la segnalazione."
            multiple
            files={files}
            onChange={setFiles}
            error={errorOf('files')}
          />
        </Section>
        <Button color="primary" type="submit" disabled={save.busy}>
          Registra la segnalazione
        </Button>
      </form>
    </Page>
  );
}

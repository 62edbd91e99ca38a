import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/feedback';
import { SelectField, TextAreaField } from '../../ui/fields';
import { useAction, useApi } from '../../ui/use-api';
import { useCaseFile } from './case-file';
import { PathOption } from './cases';

/**
 * Another mandated path on this open case (the case manager or the unit's coordinator): the
 * paths already running are not offered; the reason stays in the access log.
 */
export function StartPathForm({
  onStarted,
  onCancel,
}: {
  onStarted: (notice: string) => void;
  onCancel: () => void;
}) {
  const { base, detail, refresh } = useCaseFile();
  const options = useApi<PathOption[]>('/cases/paths');
  const running = new Set(
    detail.pathInstances.filter((p) => p.state === 'ACTIVE').map((p) => p.bpmnProcessId),
  );
  const available = (options.data ?? []).filter((o) => !running.has(o.bpmnProcessId));
  const [path, setPath] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const start = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!path) {
      setProblem('Scegliere il percorso da avviare.');
      return;
    }
    setProblem(undefined);
    const name = available.find((o) => o.path === path)?.name ?? path;
    void start
      .run(() =>
        api('POST', `${base}/paths`, { path, ...(reason.trim() && { reason: reason.trim() }) }),
      )
      .then((done) => {
        if (!done) return;
        onStarted(`Percorso avviato: ${name}.`);
        refresh();
      });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Avvia un altro percorso" className="mt-3">
      <SelectField
        id="nuovo-percorso"
        label="Percorso da avviare"
        required
        placeholder={options.loading ? 'Caricamento…' : 'Scegliere un percorso'}
        value={path}
        error={problem}
        options={available.map((o) => ({ value: o.path, label: o.name }))}
        onChange={setPath}
      />
      <TextAreaField
        id="nuovo-percorso-motivo"
        label="Motivo"
        hint="Facoltativo: resta nel registro degli accessi della cartella (al massimo 250 caratteri)."
        rows={2}
        maxLength={250}
        value={reason}
        onChange={setReason}
      />
      <ErrorAlert error={start.error ?? options.error} />
      <div className="d-flex gap-2">
        <Button color="primary" size="sm" type="submit" disabled={start.busy}>
          Avvia il percorso
        </Button>
        <Button color="secondary" outline size="sm" type="button" onClick={onCancel}>
          Annulla
        </Button>
      </div>
    </form>
  );
}

import { Button } from 'design-react-kit';
import { FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert, Loaded } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { useAction, useApi } from '../../ui/use-api';
import { useCaseFile } from './case-file';
import { StaffMember } from './cases';

/** The unit's coordinator (re)assigns the case manager, with a reason kept in the timeline. */
export function CaseManagerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { detail } = useCaseFile();
  return (
    <Dialog
      open={open}
      title={detail.caseManager ? 'Cambia il case manager' : 'Assegna il case manager'}
      onClose={onClose}
    >
      <CaseManagerForm onDone={onClose} />
    </Dialog>
  );
}

function CaseManagerForm({ onDone }: { onDone: () => void }) {
  const { detail, base, refresh } = useCaseFile();
  const staff = useApi<StaffMember[]>(`/units/${detail.unitCode}/staff`);
  const [accountId, setAccountId] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!accountId) return setProblem('Scegliere chi sarà il case manager.');
    setProblem(null);
    void save
      .run(() =>
        api('POST', `${base}/case-manager`, { accountId, reason: reason.trim() || undefined }),
      )
      .then((done) => {
        if (!done) return;
        refresh();
        onDone();
      });
  };
  return (
    <Loaded state={staff}>
      {(members) => (
        <form onSubmit={submit} noValidate>
          <p>
            Case manager attuale: <strong>{detail.caseManager?.displayName ?? 'nessuno'}</strong>.
            La persona scelta riceve una notifica e le prossime attività dei percorsi.
          </p>
          <SelectField
            id="nuovo-case-manager"
            label="Nuovo case manager"
            required
            value={accountId}
            placeholder="Scegliere…"
            error={problem}
            options={members
              .filter((m) => m.accountId !== detail.caseManager?.id)
              .map((m) => ({
                value: m.accountId,
                label: `${m.displayName} (${m.role === 'coordinator' ? 'coordinatore' : 'assistente sociale'})`,
              }))}
            onChange={setAccountId}
          />
          <TextField
            id="motivo-case-manager"
            label="Motivo (facoltativo)"
            value={reason}
            maxLength={500}
            onChange={setReason}
          />
          <ErrorAlert error={save.error} />
          <div className="toolbar-row mt-3">
            <Button color="primary" type="submit" disabled={save.busy}>
              Assegna
            </Button>
          </div>
        </form>
      )}
    </Loaded>
  );
}

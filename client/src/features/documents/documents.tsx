import { Button } from 'design-react-kit';
import { FormEvent, useId, useState } from 'react';
import { api, download } from '../../api/client';
import { Column, DataTable } from '../../ui/data-table';
import { Empty, ErrorAlert, Loaded, Notice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { clearFileInput, FilePicker, MAX_DOCUMENT_BYTES } from '../../ui/file-picker';
import { dateTime } from '../../ui/format';
import { useAction, useApi } from '../../ui/use-api';

/** A document of a case or a referral (GET …/documents). */
export interface DocumentItem {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  description: string | null;
  uploadedAt: string;
  uploadedBy: string;
}

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;

/**
 * The documents under `base` (`/cases/:id/documents`, `/referrals/:id/documents`): the list with
 * downloads when the caller may read them, and the upload (PDF, images, DOCX, ODT up to 10 MB,
 * the type recognised by the server from the content).
 */
export function Documents({
  base,
  canRead = true,
  canUpload = true,
  onUploaded,
}: {
  base: string;
  canRead?: boolean;
  /** False for who only reads (a manager with a grant). */
  canUpload?: boolean;
  /** Besides the list's own reload: what else shows the new document (a case's timeline). */
  onUploaded?: (document: DocumentItem) => void;
}) {
  const list = useApi<DocumentItem[]>(canRead ? base : null);
  const fetching = useAction();
  const columns: Column<DocumentItem>[] = [
    {
      label: 'Documento',
      cell: (d) => (
        <Button
          color="link"
          className="p-0 text-start"
          onClick={() => void fetching.run(() => download(`${base}/${d.id}`, d.fileName))}
        >
          {d.fileName}
        </Button>
      ),
    },
    { label: 'Descrizione', cell: (d) => d.description ?? '—' },
    { label: 'Dimensione', cell: (d) => size(d.sizeBytes) },
    { label: 'Caricato', cell: (d) => `${dateTime(d.uploadedAt)} · ${d.uploadedBy}` },
  ];
  return (
    <>
      {canRead && (
        <Loaded state={list}>
          {(items) =>
            items.length === 0 ? (
              <Empty>Nessun documento.</Empty>
            ) : (
              <DataTable caption="Documenti" columns={columns} rows={items} rowKey={(d) => d.id} />
            )
          }
        </Loaded>
      )}
      <ErrorAlert error={fetching.error} />
      {canUpload && (
        <DocumentUpload
          base={base}
          onUploaded={(document) => {
            list.reload();
            onUploaded?.(document);
          }}
        />
      )}
    </>
  );
}

export function DocumentUpload({
  base,
  onUploaded,
}: {
  base: string;
  onUploaded: (document: DocumentItem) => void;
}) {
  const id = useId();
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<File | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    if (!chosen) return setProblem('Scegliere un file da caricare.');
    if (chosen.size > MAX_DOCUMENT_BYTES) return setProblem('Il file supera i 10 MB consentiti.');
    setProblem(null);
    const body = new FormData();
    body.append('file', chosen);
    if (description.trim()) body.append('description', description.trim());
    let uploaded: DocumentItem | undefined;
    void upload
      .run(async () => {
        uploaded = await api<DocumentItem>('POST', base, body);
      })
      .then((done) => {
        if (!done || !uploaded) return;
        setNotice(`Caricato: ${chosen.name}.`);
        setChosen(null);
        setDescription('');
        clearFileInput(`${id}-file`);
        onUploaded(uploaded);
      });
  };
  return (
    <form className="border rounded p-3 mt-3" onSubmit={submit} aria-label="Carica un documento">
      <div className="row g-3 align-items-end">
        <div className="col-12 col-md-5">
          <FilePicker
            id={`${id}-file`}
            title="Nuovo documento"
            hint="PDF, immagine, DOCX o ODT, fino a 10 MB."
            files={chosen ? [chosen] : []}
            onChange={(files) => setChosen(files[0] ?? null)}
            error={problem}
          />
        </div>
        <div className="col-12 col-md-5">
          <TextField
            id={`${id}-description`}
            label="Descrizione (facoltativa)"
            value={description}
            maxLength={500}
            onChange={setDescription}
            className="mb-0"
          />
        </div>
        <div className="col-12 col-md-2">
          <Button color="primary" type="submit" disabled={upload.busy} className="w-100">
            Carica
          </Button>
        </div>
      </div>
      <ErrorAlert error={upload.error} />
      <Notice>{notice}</Notice>
    </form>
  );
}

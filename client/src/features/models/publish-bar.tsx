import { Button } from 'design-react-kit';
import { TextField } from '../../ui/fields';

/**
 * The file name, "Verifica", "Pubblica" and whether edits are unpublished: the same bar over
 * the modeler and the form editor.
 */
export function PublishBar({
  id,
  hint,
  fileName,
  fileError,
  onFileName,
  ready,
  busy,
  dirty,
  onVerify,
  onPublish,
}: {
  id: string;
  hint: string;
  fileName: string;
  fileError: string | null;
  onFileName: (value: string) => void;
  /** The editor has opened. */
  ready: boolean;
  busy: boolean;
  dirty: boolean;
  onVerify: () => void;
  onPublish: () => void;
}) {
  return (
    <div className="row align-items-end">
      <TextField
        id={id}
        className="col-12 col-md-6 col-lg-4"
        label="Nome del file"
        hint={hint}
        required
        value={fileName}
        onChange={onFileName}
        error={fileError}
      />
      <div className="col-12 col-md-6 col-lg-8 mb-4 toolbar-row">
        <Button color="primary" outline disabled={!ready || busy} onClick={onVerify}>
          Verifica
        </Button>
        <Button color="primary" disabled={!ready || busy} onClick={onPublish}>
          Pubblica
        </Button>
        <span className="small text-secondary" role="status">
          {dirty ? 'Modifiche non pubblicate' : ''}
        </span>
      </div>
    </div>
  );
}

import { Icon } from 'design-react-kit';

/** The types a case or a referral may hold (the server recognises them by their content). */
export const DOCUMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.odt';
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * A file choice in the design system's upload style: an Italian button (the browser's own reads
 * "Choose file" on an English system) over the hidden native input, which keeps the keyboard
 * and screen readers working; the chosen files listed below.
 */
export function FilePicker({
  id,
  title,
  hint,
  files,
  onChange,
  multiple = false,
  error,
}: {
  id: string;
  title: string;
  hint: string;
  files: File[];
  onChange: (files: File[]) => void;
  multiple?: boolean;
  error?: string | null;
}) {
  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="mb-3">
      <p className="fw-semibold mb-1" id={`${id}-title`}>
        {title}
      </p>
      <p className="small text-secondary mb-2" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        type="file"
        className="upload"
        multiple={multiple}
        accept={DOCUMENT_ACCEPT}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange([...(event.target.files ?? [])])}
      />
      <label htmlFor={id}>
        <Icon icon="it-upload" color="white" size="sm" aria-hidden />
        <span>{multiple ? 'Scegli i file' : 'Scegli il file'}</span>
      </label>
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      )}
      {files.length > 0 && (
        <ul className="small mt-2 mb-0" aria-label="File scelti">
          {files.map((file) => (
            <li key={`${file.name}-${file.size}`}>
              {file.name} ({Math.max(1, Math.round(file.size / 1024)).toLocaleString('it-IT')} KB)
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Empties a picker after an upload (the native input keeps its value otherwise). */
export function clearFileInput(id: string): void {
  const element = document.getElementById(id);
  if (element instanceof HTMLInputElement) element.value = '';
}

import {
  ChangeEvent,
  InputHTMLAttributes,
  ReactNode,
  Ref,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';

/**
 * Form fields in the design system's markup (form-group, a label always above the field), each
 * wired for assistive technology: the hint and the error are named by aria-describedby, and an
 * error sets aria-invalid. `error` is the server's or the browser's message for this field.
 */
interface FieldFrame {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  className?: string;
}

function describedBy(id: string, hint: ReactNode, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({
  id,
  label,
  hint,
  error,
  required,
  className,
  children,
}: FieldFrame & { children: ReactNode }) {
  return (
    <div className={`form-group ${className ?? ''}`}>
      <label htmlFor={id} className="active">
        {label}
        {/* The field's own `required` tells assistive technology; the star is for the eye. */}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children}
      {hint && (
        <small id={`${id}-hint`} className="form-text">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

type TextProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
    value: string;
    onChange: (value: string, event: ChangeEvent<HTMLInputElement>) => void;
    inputRef?: Ref<HTMLInputElement>;
  };

export function TextField({
  id,
  label,
  hint,
  error,
  required,
  className,
  value,
  onChange,
  inputRef,
  // The design system draws the field's line for typed inputs only (input[type='text']…).
  type = 'text',
  ...input
}: TextProps) {
  return (
    <Frame
      id={id}
      label={label}
      hint={hint}
      error={error}
      required={required}
      className={className}
    >
      <input
        {...input}
        type={type}
        ref={inputRef}
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value, event)}
      />
    </Frame>
  );
}

type AreaProps = FieldFrame &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value'> & {
    value: string;
    onChange: (value: string) => void;
  };

export function TextAreaField({
  id,
  label,
  hint,
  error,
  required,
  className,
  value,
  onChange,
  ...area
}: AreaProps) {
  return (
    <Frame
      id={id}
      label={label}
      hint={hint}
      error={error}
      required={required}
      className={className}
    >
      <textarea
        {...area}
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Frame>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> & {
    value: string;
    options: Option[];
    /** The first, empty choice ("Scegliere…"); none when a value is always set. */
    placeholder?: string;
    onChange: (value: string) => void;
  };

export function SelectField({
  id,
  label,
  hint,
  error,
  required,
  className,
  value,
  options,
  placeholder,
  onChange,
  ...select
}: SelectProps) {
  return (
    <Frame
      id={id}
      label={label}
      hint={hint}
      error={error}
      required={required}
      className={`select-wrapper ${className ?? ''}`}
    >
      <select
        {...select}
        id={id}
        className={`form-select${error ? ' is-invalid' : ''}`}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
}) {
  return (
    <div className="form-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      )}
    </div>
  );
}

/**
 * The problems of a refused form, at its top: each links to its field (WCAG 3.3.1), so a
 * keyboard user reaches it in one step. `labels` names fields as the form shows them.
 */
export function ErrorSummary({
  problems,
  labels = {},
  title = 'Il modulo non è stato inviato: correggere questi campi.',
  fieldId = (field) => field,
}: {
  problems: Array<{ field: string; messages: string[] }>;
  labels?: Record<string, string>;
  title?: string;
  fieldId?: (field: string) => string;
}) {
  if (problems.length === 0) return null;
  return (
    <div className="alert alert-danger" role="alert" tabIndex={-1} data-testid="error-summary">
      <p className="fw-semibold mb-1">{title}</p>
      <ul className="mb-0">
        {problems.map((problem) => (
          <li key={problem.field}>
            <a href={`#${fieldId(problem.field)}`}>{labels[problem.field] ?? problem.field}</a>:{' '}
            {problem.messages.join(' ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The part of a @bpmn-io/form-js schema (a Camunda Form, `*.form`, JSON) that server-side
 * validation reads. Field names are form-js's own; everything else in a schema (layout,
 * labels, appearance…) is allowed and ignored.
 */
export interface FormSchema {
  type: 'default';
  id?: string;
  schemaVersion?: number;
  components: FormComponent[];
  [property: string]: unknown;
}

/** Option of a radio, select, checklist or taglist: form-js also accepts a bare primitive. */
export type FormOption = { label?: string; value: unknown } | string | number | boolean;

export interface FormValidate {
  required?: boolean;
  /** Number fields. A number, or a FEEL expression (`=…`) evaluated like form-js does. */
  min?: number | string;
  max?: number | string;
  /** Text fields: length of the trimmed text. A number or a FEEL expression. */
  minLength?: number | string;
  maxLength?: number | string;
  /** Text fields: a JavaScript regular expression, tested unanchored as form-js does. */
  pattern?: string;
  patternErrorMessage?: string;
  validationType?: 'email' | 'phone';
}

export interface FormComponent {
  type: string;
  id?: string;
  label?: string;
  /** Input fields: where the value lives, dots for nesting (`applicant.name`). */
  key?: string;
  /** `group` (optional) and `dynamiclist` (required): prefix of the children's keys. */
  path?: string;
  components?: FormComponent[];
  validate?: FormValidate;
  /** `hide`: a FEEL unary test (`=…`); when true the field is neither shown nor submitted. */
  conditional?: { hide?: string };
  /** `true` or a FEEL unary test (`=…`). */
  readonly?: boolean | string;
  disabled?: boolean;
  /** Static options. */
  values?: FormOption[];
  /** Options read from an input variable of that name. */
  valuesKey?: string;
  /** Options computed by a FEEL expression. */
  valuesExpression?: string;
  /** `datetime`. */
  subtype?: 'date' | 'time' | 'datetime';
  timeSerializingFormat?: 'utc_offset' | 'utc_normalized' | 'no_timezone';
  disallowPassedDates?: boolean;
  /** `number`. */
  decimalDigits?: number;
  increment?: number | string;
  serializeToString?: boolean;
  /** `dynamiclist`: false makes it render its children once, like a group. */
  isRepeating?: boolean;
  [property: string]: unknown;
}

/** Stable English codes for programs and tests; people read `message` (Italian). */
export type FormProblemCode =
  /** The submitted data is not a JSON object. */
  | 'NOT_AN_OBJECT'
  | 'REQUIRED'
  /** Wrong JSON type for the component (text, number, boolean, list, group, rows). */
  | 'WRONG_TYPE'
  /** Not one of the options. */
  | 'NOT_ALLOWED'
  /** The same option twice in a checklist or taglist. */
  | 'DUPLICATE'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'PATTERN'
  | 'EMAIL'
  | 'PHONE'
  | 'BELOW_MIN'
  | 'ABOVE_MAX'
  | 'DECIMALS'
  | 'INCREMENT'
  /** Not a date, time or date-time in the format the field serialises. */
  | 'DATE_FORMAT'
  /** A date before today where the field has `disallowPassedDates`. */
  | 'PAST_DATE'
  /** A key the form does not have. */
  | 'UNKNOWN_FIELD'
  /** A value for a field that the form hides given the other answers. */
  | 'HIDDEN_FIELD';

export interface FormProblem {
  /** Path of the value in the submitted data: `requester.firstName`, `members.0.age`. */
  field: string;
  code: FormProblemCode;
  message: string;
}

export type FormNoteCode =
  /** A value was sent for a read-only field: the server does not take it. */
  | 'READONLY_IGNORED'
  /** A value was sent for a disabled field: the server does not take it. */
  | 'DISABLED_IGNORED'
  /** Options come from a variable that was not given, or from an expression: not compared. */
  | 'OPTIONS_UNCHECKED';

export interface FormNote {
  field: string;
  code: FormNoteCode;
  message: string;
}

export type FormValidationResult =
  | {
      ok: true;
      /** The accepted answers: submitted values of visible, editable fields, nothing else. */
      value: Record<string, unknown>;
      /** What was accepted without being taken or checked (read-only values, open options). */
      notes: FormNote[];
    }
  | { ok: false; problems: FormProblem[] };

export interface ValidateFormDataOptions {
  /**
   * The variables the form was opened with (form-js's initial data). They are in scope for
   * FEEL conditions, supply read-only values, and the options of `valuesKey` fields.
   */
  variables?: Record<string, unknown>;
  /** The instant that decides "today" for `disallowPassedDates`; defaults to now. */
  now?: Date;
  /** Time zone of "today"; defaults to Europe/Rome. */
  timeZone?: string;
}

import { compileFormSchema, FormSchemaError } from '../../tasks/forms';

/** Letters, digits, `_`, `-`, `.`, starting with a letter or `_` (what Camunda Modeler writes). */
export const FORM_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;

export type FormIssueCode = 'FORM_ID_MISSING' | 'FORM_ID_INVALID' | 'FORM_INVALID';

export interface FormIssue {
  code: FormIssueCode;
  /** Italian, for the administrator who edits the form. */
  message: string;
}

export type FormCheck =
  { ok: true; formId: string } | { ok: false; formId: string | null; problems: FormIssue[] };

/**
 * Whether a form-js schema may be deployed: it names its form id (the key
 * user tasks link with `zeebe:formDefinition formId`) and the server can check
 * answers against it (compileFormSchema), so no caseworker meets a form the
 * server refuses to check.
 */
export function checkFormSchema(schema: unknown): FormCheck {
  const problems: FormIssue[] = [];
  const id = (schema as { id?: unknown } | null)?.id;
  const formId = typeof id === 'string' && FORM_ID_PATTERN.test(id) ? id : null;
  if (typeof id !== 'string' || id === '') {
    problems.push({
      code: 'FORM_ID_MISSING',
      message:
        'Il modulo non ha un identificativo (id): serve per collegarlo ai compiti utente dei modelli.',
    });
  } else if (!formId) {
    problems.push({
      code: 'FORM_ID_INVALID',
      message: `L’identificativo «${id.slice(0, 80)}» non è valido: usare lettere, cifre, «_», «-» o «.», iniziando con una lettera (al massimo 255 caratteri).`,
    });
  }
  try {
    compileFormSchema(schema);
  } catch (error) {
    if (!(error instanceof FormSchemaError)) throw error;
    problems.push(...error.problems.map((message) => ({ code: 'FORM_INVALID' as const, message })));
  }
  return problems.length === 0 && formId ? { ok: true, formId } : { ok: false, formId, problems };
}

import { FieldProblem } from '../../common/validation';
import { isIsoDate } from '../../deadlines/calendar';
import { DecisionKind } from './decision-catalog';

export const MAX_TEXT_FIELD = 300;

/**
 * The values of a decision's fields as the catalog wants them: known keys only, strings
 * (trimmed; empty = absent), dates `YYYY-MM-DD`, choices among the options, required ones
 * present. Problems name the field as `fields.<key>`, in Italian.
 */
export function checkDecisionFields(
  kind: DecisionKind,
  input: Record<string, unknown>,
): { values: Record<string, string>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values: Record<string, string> = {};
  const problem = (key: string, message: string) =>
    problems.push({ field: `fields.${key}`, messages: [message] });
  const known = new Set(kind.fields.map((f) => f.key));
  for (const key of Object.keys(input)) if (!known.has(key)) problem(key, 'campo non previsto');
  for (const field of kind.fields) {
    const raw = input[field.key];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') {
      problem(field.key, 'deve essere un testo');
      continue;
    }
    const value = raw.trim();
    if (!value) continue;
    if (field.type === 'date' && !isIsoDate(value)) {
      problem(field.key, 'deve essere una data (AAAA-MM-GG)');
    } else if (field.type === 'choice' && !field.options?.some((o) => o.value === value)) {
      problem(field.key, 'valore non ammesso');
    } else if (value.length > MAX_TEXT_FIELD) {
      problem(field.key, 'troppo lungo');
    } else values[field.key] = value;
  }
  for (const field of kind.fields) {
    if (values[field.key] !== undefined || problems.some((p) => p.field === `fields.${field.key}`))
      continue;
    const when = field.requiredWhen;
    if (field.required) problem(field.key, 'campo obbligatorio');
    else if (when && values[when.field] === when.value) {
      const other = kind.fields.find((f) => f.key === when.field);
      const option = other?.options?.find((o) => o.value === when.value)?.label ?? when.value;
      problem(field.key, `obbligatorio quando «${other?.label}» è «${option}»`);
    }
  }
  return { values, problems };
}

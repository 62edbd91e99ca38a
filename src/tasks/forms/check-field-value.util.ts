import { isDeepStrictEqual } from 'node:util';
import type { CompiledInput } from './compile-form-schema.util';
import { normaliseOptions } from './compile-form-schema.util';
import type { PlainObject } from './data-path.util';
import {
  checkIncrement,
  compareDecimals,
  decimalPlaces,
  type Decimal,
  formatDecimal,
  parseDecimal,
} from './decimal.util';
import { type FeelScope, feelEvaluate, isFeelExpression } from './form-feel';
import { EMAIL_PATTERN, PHONE_PATTERN } from './form-js-patterns';
import { formMessages as m } from './form-messages';
import type { FormNoteCode, FormProblemCode } from './form-schema.types';
import { isIsoDate, isIsoDateTime, isIsoTime, timeFormatHint } from './iso-date-time.util';

export interface FieldCheckContext {
  /** Scope of the field, for FEEL-valued `validate.min`, `maxLength`… */
  readonly scope: FeelScope;
  /** Input variables: the options of `valuesKey` fields. */
  readonly variables: PlainObject;
  /** Today, `YYYY-MM-DD`, for `disallowPassedDates`. */
  readonly today: () => string;
}

export interface FieldCheck {
  problems: { code: FormProblemCode; message: string }[];
  note?: { code: FormNoteCode; message: string };
}

/**
 * Checks one submitted value of a visible, editable input field. The rules and their order are
 * those of form-js-viewer 1.23's `Validator` (`runNumberValidation`, then
 * `runPresetValidation`: pattern, required, min, max, minLength, maxLength, phone, email), plus
 * what the browser cannot produce and so never checks: the JSON type of the value, the options
 * of radios, selects, checklists and taglists (`sanitizeSingleSelectValue` /
 * `sanitizeMultiSelectValue` drop any other value), the shape of dates and times (what
 * `serializeDate` / `serializeTime` write) and `disallowPassedDates` (the date picker's
 * `minDate: 'today'`).
 */
export function checkFieldValue(
  input: CompiledInput,
  value: unknown,
  context: FieldCheckContext,
): FieldCheck {
  const required = input.component.validate?.required === true;
  if (isEmptyValue(input, value)) {
    return { problems: required ? [{ code: 'REQUIRED', message: m.required }] : [] };
  }
  switch (input.type) {
    case 'textfield':
    case 'textarea':
      return { problems: checkText(input, value, context) };
    case 'number':
      return { problems: checkNumber(input, value, context) };
    case 'datetime':
      return { problems: checkDatetime(input, value, context) };
    case 'checkbox':
      return {
        problems: typeof value === 'boolean' ? [] : [{ code: 'WRONG_TYPE', message: m.notBoolean }],
      };
    case 'radio':
    case 'select':
      return checkSingleChoice(input, value, context);
    case 'checklist':
    case 'taglist':
      return checkMultipleChoice(input, value, context);
  }
}

/**
 * What form-js counts as "not filled in" for `required` (`runPresetValidation`): null,
 * undefined, '', an unchecked checkbox, an empty list (list fields only here).
 */
export function isEmptyValue(input: CompiledInput, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (input.type === 'checkbox') return value === false;
  if (input.type === 'checklist' || input.type === 'taglist') {
    return Array.isArray(value) && value.length === 0;
  }
  return false;
}

type Problems = FieldCheck['problems'];

function checkText(input: CompiledInput, value: unknown, context: FieldCheckContext): Problems {
  if (typeof value !== 'string') return [{ code: 'WRONG_TYPE', message: m.notText }];
  const validate = input.component.validate ?? {};
  const problems: Problems = [];
  if (validate.pattern && !new RegExp(validate.pattern).test(value)) {
    problems.push({ code: 'PATTERN', message: validate.patternErrorMessage || m.pattern });
  }
  const length = value.trim().length;
  const minLength = resolveNumber(validate.minLength, context.scope);
  if (minLength !== undefined && length < minLength) {
    problems.push({ code: 'TOO_SHORT', message: m.tooShort(minLength) });
  }
  const maxLength = resolveNumber(validate.maxLength, context.scope);
  if (maxLength !== undefined && length > maxLength) {
    problems.push({ code: 'TOO_LONG', message: m.tooLong(maxLength) });
  }
  if (validate.validationType === 'phone' && !PHONE_PATTERN.test(value)) {
    problems.push({ code: 'PHONE', message: m.phone });
  }
  if (validate.validationType === 'email' && !EMAIL_PATTERN.test(value)) {
    problems.push({ code: 'EMAIL', message: m.email });
  }
  return problems;
}

/**
 * A JSON number, or a numeric string when the field has `serializeToString` (form-js's
 * Numberfield then submits strings).
 */
function checkNumber(input: CompiledInput, value: unknown, context: FieldCheckContext): Problems {
  const { decimalDigits, increment, serializeToString, validate = {} } = input.component;
  const expected = serializeToString ? 'string' : 'number';
  const number = typeof value === expected ? parseDecimal(value as number | string) : undefined;
  if (!number) return [{ code: 'WRONG_TYPE', message: m.notNumber }];
  const problems: Problems = [];
  if (typeof decimalDigits === 'number' && decimalPlaces(number) > decimalDigits) {
    problems.push({
      code: 'DECIMALS',
      message: decimalDigits === 0 ? m.notInteger : m.tooManyDecimals(decimalDigits),
    });
  }
  const step = increment === undefined ? undefined : parseDecimal(increment);
  if (step) {
    const result = checkIncrement(number, step);
    if (!result.ok) {
      problems.push({
        code: 'INCREMENT',
        message: m.increment(formatDecimal(result.previous), formatDecimal(result.next)),
      });
    }
  }
  const min = resolveDecimal(validate.min, context.scope);
  if (min && compareDecimals(number, min) < 0) {
    problems.push({ code: 'BELOW_MIN', message: m.belowMin(formatDecimal(min)) });
  }
  const max = resolveDecimal(validate.max, context.scope);
  if (max && compareDecimals(number, max) > 0) {
    problems.push({ code: 'ABOVE_MAX', message: m.aboveMax(formatDecimal(max)) });
  }
  return problems;
}

function checkDatetime(input: CompiledInput, value: unknown, context: FieldCheckContext): Problems {
  const { subtype = 'date', timeSerializingFormat: format } = input.component;
  const hint = timeFormatHint(format);
  const text = typeof value === 'string' ? value : '';
  if (subtype === 'time') {
    return isIsoTime(text, format) ? [] : [{ code: 'DATE_FORMAT', message: m.invalidTime(hint) }];
  }
  const valid = subtype === 'date' ? isIsoDate(text) : isIsoDateTime(text, format);
  if (!valid) {
    const message = subtype === 'date' ? m.invalidDate : m.invalidDateTime(hint);
    return [{ code: 'DATE_FORMAT', message }];
  }
  if (input.component.disallowPassedDates && text.slice(0, 10) < context.today()) {
    return [{ code: 'PAST_DATE', message: m.pastDate }];
  }
  return [];
}

function checkSingleChoice(
  input: CompiledInput,
  value: unknown,
  context: FieldCheckContext,
): FieldCheck {
  const { allowed, note } = allowedValues(input, context);
  if (allowed) {
    const ok = allowed.some((option) => isDeepStrictEqual(option, value));
    return { problems: ok ? [] : [{ code: 'NOT_ALLOWED', message: m.notAllowed(allowed) }] };
  }
  return {
    problems: isScalar(value) ? [] : [{ code: 'WRONG_TYPE', message: m.notScalar }],
    note,
  };
}

function checkMultipleChoice(
  input: CompiledInput,
  value: unknown,
  context: FieldCheckContext,
): FieldCheck {
  if (!Array.isArray(value)) return { problems: [{ code: 'WRONG_TYPE', message: m.notList }] };
  const { allowed, note } = allowedValues(input, context);
  const problems: Problems = [];
  value.forEach((item: unknown, index) => {
    if (allowed && !allowed.some((option) => isDeepStrictEqual(option, item))) {
      problems.push({ code: 'NOT_ALLOWED', message: m.notAllowedItem(item, allowed) });
    } else if (!allowed && !isScalar(item)) {
      problems.push({ code: 'WRONG_TYPE', message: m.notScalar });
    } else if (value.slice(0, index).some((earlier) => isDeepStrictEqual(earlier, item))) {
      problems.push({ code: 'DUPLICATE', message: m.duplicate(item) });
    }
  });
  return { problems, note: allowed ? undefined : note };
}

/**
 * The values a choice accepts: the static options, or the options in the input variable named
 * by `valuesKey` (form-js `getSimpleOptionsData`) when the caller passed it. Options of a
 * `valuesExpression`, or of a variable not given, are not known here: any simple value is
 * accepted and a note says so.
 */
function allowedValues(
  input: CompiledInput,
  context: FieldCheckContext,
): { allowed?: readonly unknown[]; note?: FieldCheck['note'] } {
  const options = input.options;
  if (options?.kind === 'static') return { allowed: options.values };
  if (options?.kind === 'input') {
    const variable = Object.hasOwn(context.variables, options.variable)
      ? context.variables[options.variable]
      : undefined;
    if (Array.isArray(variable)) return { allowed: normaliseOptions(variable).map((o) => o.value) };
    return { note: { code: 'OPTIONS_UNCHECKED', message: m.inputOptions(options.variable) } };
  }
  return { note: { code: 'OPTIONS_UNCHECKED', message: m.expressionOptions } };
}

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * A validation bound: a number, or a FEEL expression evaluated in the field's scope
 * (form-js `evaluateFEELValues`). A bound that is not a number is skipped.
 */
function resolveNumber(bound: number | string | undefined, scope: FeelScope): number | undefined {
  const value = isFeelExpression(bound) ? feelEvaluate(bound, scope) : bound;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function resolveDecimal(bound: number | string | undefined, scope: FeelScope): Decimal | undefined {
  const value = resolveNumber(bound, scope);
  return value === undefined ? undefined : parseDecimal(value);
}

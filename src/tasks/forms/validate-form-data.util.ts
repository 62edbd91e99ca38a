import { checkFieldValue, isEmptyValue } from './check-field-value.util';
import type {
  CompiledForm,
  CompiledInput,
  CompiledList,
  CompiledNode,
  ObjectShape,
} from './compile-form-schema.util';
import { compileFormSchema } from './compile-form-schema.util';
import {
  clearAt,
  cloneData,
  deepMerge,
  getAt,
  isPlainObject,
  type PlainObject,
  setAt,
} from './data-path.util';
import { type FeelScope, feelUnaryTest, isFeelExpression, rootScope, rowScope } from './form-feel';
import { formMessages as m } from './form-messages';
import type {
  FormComponent,
  FormNote,
  FormProblem,
  FormSchema,
  FormValidationResult,
  ValidateFormDataOptions,
} from './form-schema.types';
import { isoDateIn } from './iso-date-time.util';

/**
 * Checks the data submitted to complete a user task against the task's form-js schema, so the
 * server refuses what the browser form would refuse, and what a browser could never send.
 *
 * - Rules per field: see `checkFieldValue` (form-js-viewer 1.23 `Validator`).
 * - Hidden fields (`conditional.hide`, also through a hidden group or list) are not required
 *   and must not carry a value: form-js neither validates nor submits them. Conditions are
 *   evaluated as form-js does (`ConditionChecker.applyConditions`, then each field against the
 *   data with hidden answers removed), with the input variables in scope.
 * - `disabled` and `readonly` fields are not taken from the input: their value stays the
 *   variable's (a value sent for them is reported in `notes`, not stored).
 * - Keys the form does not have are refused, so nothing is silently dropped.
 *
 * The schema is checked first: one the server cannot validate throws `FormSchemaError`.
 * Pure: no I/O; `options.now` fixes "today".
 */
export function validateFormData(
  schema: FormSchema,
  data: unknown,
  options: ValidateFormDataOptions = {},
): FormValidationResult {
  const form = compileFormSchema(schema);
  if (!isPlainObject(data)) {
    return { ok: false, problems: [{ field: '', code: 'NOT_AN_OBJECT', message: m.notAnObject }] };
  }
  const variables = options.variables ?? {};
  let today: string | undefined;
  const run = new Validation(form, data, variables, () => {
    today ??= isoDateIn(options.timeZone ?? 'Europe/Rome', options.now ?? new Date());
    return today;
  });
  return run.result();
}

class Validation {
  private readonly problems: FormProblem[] = [];
  private readonly notes: FormNote[] = [];
  private readonly value: PlainObject = {};

  constructor(
    private readonly form: CompiledForm,
    private readonly submitted: PlainObject,
    private readonly variables: PlainObject,
    private readonly today: () => string,
  ) {}

  result(): FormValidationResult {
    const visibleData = this.visibleData();
    this.walk(this.form.nodes, {
      scope: rootScope(visibleData),
      submitted: this.submitted,
      output: this.value,
      at: [],
      hidden: false,
    });
    this.findUnknownKeys(this.form.shape, this.submitted, []);
    if (this.problems.length) return { ok: false, problems: this.problems };
    return { ok: true, value: this.value, notes: this.notes };
  }

  /**
   * The form's data as the browser holds it when the caseworker presses submit: the input
   * variables overlaid with the answers (fields with `readonly: true` or `disabled` keep the
   * variable's value, so a forged value cannot change a condition), then without the answers
   * that conditions hide (form-js `useFilteredFormData`).
   */
  private visibleData(): PlainObject {
    const state = deepMerge(this.variables, this.submitted);
    this.forEachInput(this.form.nodes, state, [], (input, path) => {
      if (!isStaticallyLocked(input.component)) return;
      const original = getAt(this.variables, path);
      if (original === undefined) clearAt(state, path);
      else setAt(state, path, cloneData(original));
    });
    const visible = cloneData(state);
    this.clearHidden(this.form.nodes, rootScope(state), state, visible, [], false);
    return visible;
  }

  /** Every input field instance present in `data` (rows of lists included), hidden or not. */
  private forEachInput(
    nodes: readonly CompiledNode[],
    data: PlainObject,
    at: readonly string[],
    visit: (input: CompiledInput, path: string[]) => void,
  ): void {
    for (const node of nodes) {
      if (node.kind === 'input') visit(node, [...at, ...node.path]);
      else if (node.kind === 'group') this.forEachInput(node.children, data, at, visit);
      else {
        rowsOf(getAt(data, [...at, ...node.path])).forEach((row, index) => {
          if (isPlainObject(row)) {
            this.forEachInput(node.children, data, [...at, ...node.path, String(index)], visit);
          }
        });
      }
    }
  }

  /** form-js `ConditionChecker.applyConditions`: conditions read `state`, answers leave `visible`. */
  private clearHidden(
    nodes: readonly CompiledNode[],
    scope: FeelScope,
    state: PlainObject,
    visible: PlainObject,
    at: readonly string[],
    hiddenAbove: boolean,
  ): void {
    for (const node of nodes) {
      const hidden = hiddenAbove || isHidden(node.component, scope);
      if (node.kind === 'input') {
        if (hidden) clearAt(visible, [...at, ...node.path]);
      } else if (node.kind === 'group') {
        this.clearHidden(node.children, scope, state, visible, at, hidden);
      } else if (hidden) {
        clearAt(visible, [...at, ...node.path]);
      } else {
        rowsOf(getAt(state, [...at, ...node.path])).forEach((row, index) => {
          if (!isPlainObject(row)) return;
          const rowAt = [...at, ...node.path, String(index)];
          this.clearHidden(
            node.children,
            rowScope(scope, row, index),
            state,
            visible,
            rowAt,
            false,
          );
        });
      }
    }
  }

  private walk(nodes: readonly CompiledNode[], place: Place): void {
    for (const node of nodes) {
      const hidden = place.hidden || isHidden(node.component, place.scope);
      if (node.kind === 'input') this.input(node, { ...place, hidden });
      else if (node.kind === 'group') this.walk(node.children, { ...place, hidden });
      else this.list(node, { ...place, hidden });
    }
  }

  private input(input: CompiledInput, place: Place): void {
    const value = getAt(place.submitted, input.path);
    const field = [...place.at, ...input.path].join('.');
    if (place.hidden) {
      if (!isEmptyValue(input, value)) {
        this.problems.push({ field, code: 'HIDDEN_FIELD', message: m.hiddenField });
      }
      return;
    }
    const { disabled } = input.component;
    if (disabled === true || isReadonly(input.component, place.scope)) {
      if (value !== undefined) {
        this.notes.push(
          disabled === true
            ? { field, code: 'DISABLED_IGNORED', message: m.disabledIgnored }
            : { field, code: 'READONLY_IGNORED', message: m.readonlyIgnored },
        );
      }
      return;
    }
    const check = checkFieldValue(input, value, {
      scope: place.scope,
      variables: this.variables,
      today: this.today,
    });
    check.problems.forEach((problem) => this.problems.push({ field, ...problem }));
    if (check.note) this.notes.push({ field, ...check.note });
    if (check.problems.length === 0 && value !== undefined) {
      setAt(place.output, input.path, cloneData(value));
    }
  }

  private list(list: CompiledList, place: Place): void {
    const rows = getAt(place.submitted, list.path);
    const field = [...place.at, ...list.path].join('.');
    if (rows === undefined || rows === null) return;
    if (!Array.isArray(rows)) {
      this.problems.push({ field, code: 'WRONG_TYPE', message: m.notRows });
      return;
    }
    const visibleRows = rowsOf(getAt(place.scope.this, list.path));
    const output: PlainObject[] = [];
    rows.forEach((row: unknown, index) => {
      if (!isPlainObject(row)) {
        this.problems.push({ field: `${field}.${index}`, code: 'WRONG_TYPE', message: m.notRow });
        return;
      }
      const visibleRow = visibleRows[index];
      const rowOutput: PlainObject = {};
      output.push(rowOutput);
      this.walk(list.children, {
        scope: rowScope(place.scope, isPlainObject(visibleRow) ? visibleRow : {}, index),
        submitted: row,
        output: rowOutput,
        at: [...place.at, ...list.path, String(index)],
        hidden: place.hidden,
      });
    });
    if (!place.hidden) setAt(place.output, list.path, output);
  }

  /** Every submitted key must be a field, a group path, a list or a row of the form. */
  private findUnknownKeys(shape: ObjectShape, data: PlainObject, at: readonly string[]): void {
    for (const [key, value] of Object.entries(data)) {
      const path = [...at, key];
      const child = shape.children.get(key);
      if (!child) {
        this.problems.push({
          field: path.join('.'),
          code: 'UNKNOWN_FIELD',
          message: m.unknownField,
        });
      } else if (child.kind === 'object') {
        if (isPlainObject(value)) this.findUnknownKeys(child, value, path);
        else if (value !== undefined && value !== null) {
          this.problems.push({ field: path.join('.'), code: 'WRONG_TYPE', message: m.notGroup });
        }
      } else if (child.kind === 'list') {
        // Non-array lists and non-object rows are reported by the walk.
        rowsOf(value).forEach((row, index) => {
          if (isPlainObject(row)) this.findUnknownKeys(child.row, row, [...path, String(index)]);
        });
      }
    }
  }
}

/** Where the walk stands: the FEEL scope, the submitted and accepted objects of that scope. */
interface Place {
  scope: FeelScope;
  submitted: PlainObject;
  output: PlainObject;
  /** Path of the scope's object in the submitted data (for problem paths). */
  at: readonly string[];
  hidden: boolean;
}

function rowsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** form-js `ConditionChecker._checkHideCondition`: hidden only when the test is exactly true. */
function isHidden(component: FormComponent, scope: FeelScope): boolean {
  const hide = component.conditional?.hide;
  return isFeelExpression(hide) && feelUnaryTest(hide, scope) === true;
}

/** form-js `useReadonly`: `true`, or a FEEL unary test that is exactly true. */
function isReadonly(component: FormComponent, scope: FeelScope): boolean {
  const { readonly } = component;
  if (isFeelExpression(readonly)) return feelUnaryTest(readonly, scope) === true;
  return readonly === true;
}

function isStaticallyLocked(component: FormComponent): boolean {
  return component.disabled === true || component.readonly === true;
}

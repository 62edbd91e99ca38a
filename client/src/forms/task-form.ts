import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import './task-form.scss';
import { Form } from '@bpmn-io/form-js-viewer';
import flatpickr from 'flatpickr';
import { Italian } from 'flatpickr/dist/l10n/it';
import type { FieldProblem } from '../api/client';

/**
 * A task's form (form-js's viewer, loaded with the task screen's form only) over the task's
 * data. form-js speaks Italian through the build (form-js-italian.ts) and, for its date picker,
 * flatpickr's Italian locale set here, with the accessible names the locale lacks.
 */
flatpickr.localize({
  ...Italian,
  scrollTitle: 'Scorrere per aumentare',
  toggleTitle: 'Fare clic per cambiare',
  yearAriaLabel: 'Anno',
  monthAriaLabel: 'Mese',
  hourAriaLabel: 'Ora',
  minuteAriaLabel: 'Minuti',
});

export type Answers = Record<string, unknown>;

/** A form-js schema as GET /api/tasks/:id/form gives it. */
export interface FormSchemaJson {
  components?: SchemaComponent[];
  [property: string]: unknown;
}

interface SchemaComponent {
  type: string;
  id?: string;
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  timeLabel?: string;
  isRepeating?: boolean;
  components?: SchemaComponent[];
}

/** A problem of the form, named as the form names its field, and where the field is. */
export interface FormProblem extends FieldProblem {
  label: string;
  /** The DOM id of the field's input, when the form shows it. */
  elementId?: string;
}

/** An input of the schema: its id, label, and data path (`#` where a list row's index goes). */
interface FieldInfo {
  id: string;
  label: string;
  segments: string[];
}

/** form-js's field instance, as its validator receives it. */
interface FieldInstance {
  id: string;
  valuePath: Array<string | number>;
}

interface Validator {
  validateFieldInstance(instance: FieldInstance, value: unknown): string[];
}

const INDEX = '#';

/**
 * The server's per-field refusals, shown by form-js beside their fields like its own checks:
 * a refusal holds while the field keeps the value the server refused, and goes when it changes.
 * (form-js's Validator is not exported, so its method is wrapped rather than subclassed.)
 */
class ServerProblems {
  static $inject = ['validator'];
  private problems: FieldProblem[] = [];
  private sent: Answers = {};

  constructor(validator: Validator) {
    const own = validator.validateFieldInstance.bind(validator);
    validator.validateFieldInstance = (instance, value) => {
      const errors = own(instance, value);
      const path = instance.valuePath.join('.');
      const mine = this.problems.filter((p) => concerns(p.field, path));
      if (mine.length === 0) return errors;
      if (JSON.stringify(value ?? null) === JSON.stringify(valueAt(this.sent, path) ?? null))
        return [...errors, ...mine.flatMap((p) => p.messages)];
      this.problems = this.problems.filter((p) => !concerns(p.field, path));
      return errors;
    };
  }

  set(problems: FieldProblem[], sent: Answers): void {
    this.problems = problems;
    this.sent = sent;
  }
}

/** A problem of the field at `path`, or of one of its items (`reasons.1` of `reasons`). */
function concerns(field: string, path: string): boolean {
  return (
    field === path ||
    (field.startsWith(`${path}.`) && /^\d+(\.\d+)*$/.test(field.slice(path.length + 1)))
  );
}

const serverProblemsModule = {
  __init__: ['serverProblems'],
  serverProblems: ['type', ServerProblems],
};

export class TaskForm {
  private readonly form: Form;
  private readonly fields: FieldInfo[] = [];
  private data: Answers = {};
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly container: HTMLElement,
    private readonly schema: FormSchemaJson,
  ) {
    this.form = new Form({ container, additionalModules: [serverProblemsModule] });
    this.collect(schema.components ?? [], [], []);
    this.form.on('changed', (state: { data: Answers }) => {
      this.data = state.data;
    });
    // A user's change (not an import or a validation): time to keep a draft.
    this.form.on('field.updated', () => queueMicrotask(() => this.listeners.forEach((l) => l())));
  }

  static async open(
    container: HTMLElement,
    schema: FormSchemaJson,
    data: Answers,
    readOnly: boolean,
  ): Promise<TaskForm> {
    const form = new TaskForm(container, schema);
    await form.load(data, readOnly);
    return form;
  }

  /** Shows the form again over this data (a discarded draft gives the path's data back). */
  async load(data: Answers, readOnly: boolean): Promise<void> {
    await this.form.importSchema(this.schema, data);
    this.setReadOnly(readOnly);
  }

  setReadOnly(readOnly: boolean): void {
    this.form.setProperty('readOnly', readOnly);
  }

  /** Called after each change the user makes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The answers as they are now, the form's own fields only (for the draft). */
  answers(): Answers {
    const tops = new Set(this.fields.map((field) => field.segments[0]));
    return Object.fromEntries(
      Object.entries(this.data).filter(([key, value]) => tops.has(key) && value !== undefined),
    );
  }

  /**
   * The answers to send, after form-js's checks: with the problems it found (shown beside the
   * fields too), none when the form may go to the server.
   */
  submit(): { data: Answers; problems: FormProblem[] } {
    // The server's last refusals are its to repeat: the answers go back to it as they are.
    this.form.get<ServerProblems>('serverProblems').set([], {});
    const { data, errors } = this.form.submit();
    const problems: FormProblem[] = [];
    const walk = (id: string, value: unknown, indexes: number[]) => {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        const field = this.fields.find((f) => f.id === id);
        const path = field ? fill(field.segments, indexes) : id;
        problems.push(this.problem(path, value as string[]));
      } else if (value && typeof value === 'object')
        for (const [index, nested] of Object.entries(value))
          walk(id, nested, [...indexes, Number(index)]);
    };
    for (const [id, value] of Object.entries(errors)) walk(id, value, []);
    return { data, problems };
  }

  /** The server's 400 for these answers: each problem beside its field and named for the summary. */
  showServerProblems(problems: FieldProblem[], sent: Answers): FormProblem[] {
    this.form.get<ServerProblems>('serverProblems').set(problems, sent);
    this.form.validate();
    return problems.map((problem) => this.problem(problem.field, problem.messages));
  }

  destroy(): void {
    this.listeners.clear();
    this.form.destroy();
    this.container.replaceChildren();
  }

  private problem(path: string, messages: string[]): FormProblem {
    const segments = path.split('.');
    const indexes = segments.filter((s) => /^\d+$/.test(s)).map(Number);
    const shape = segments.map((s) => (/^\d+$/.test(s) ? INDEX : s)).join('.');
    // An item of a list field ("reasons.1") is named by its field.
    const field =
      this.fields.find((f) => f.segments.join('.') === shape) ??
      this.fields.find((f) => f.segments.join('.') === shape.replace(/(\.#)+$/, ''));
    if (!field) return { field: path, label: path || 'Modulo', messages };
    // The indexes of the list rows the field sits in (not those of a list field's items).
    const rowIndexes = indexes.slice(0, field.segments.filter((s) => s === INDEX).length);
    const rows = rowIndexes.map((i) => ` (riga ${i + 1})`).join('');
    return {
      field: path,
      label: `${field.label}${rows}`,
      messages,
      elementId: this.elementId(field.id, rowIndexes),
    };
  }

  /** The input form-js draws for a field (dates add `-date`, options `-0`…). */
  private elementId(componentId: string, indexes: number[]): string | undefined {
    const base = `fjs-form-${this.form._id}-${componentId}${indexes.map((i) => `_${i}`).join('')}`;
    if (document.getElementById(base)) return base;
    const inside = this.container.querySelector(`[id^="${CSS.escape(`${base}-`)}"]`);
    return inside?.id || undefined;
  }

  /** The inputs of the schema with their paths, labelled with their groups' labels. */
  private collect(components: SchemaComponent[], prefix: string[], labels: string[]): void {
    for (const component of components) {
      const label = component.label ?? component.dateLabel ?? component.timeLabel;
      if (component.components) {
        const path = component.path ? component.path.split('.') : [];
        const repeating = component.type === 'dynamiclist' && component.isRepeating !== false;
        this.collect(
          component.components,
          [...prefix, ...path, ...(repeating ? [INDEX] : [])],
          label ? [...labels, label] : labels,
        );
      } else if (component.key && component.id) {
        this.fields.push({
          id: component.id,
          label: [...labels, label ?? component.key].join(' › '),
          segments: [...prefix, ...component.key.split('.')],
        });
      }
    }
  }
}

function fill(segments: string[], indexes: number[]): string {
  let next = 0;
  return segments.map((s) => (s === INDEX ? String(indexes[next++] ?? 0) : s)).join('.');
}

function valueAt(data: Answers, path: string): unknown {
  let value: unknown = data;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

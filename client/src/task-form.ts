import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Form } from '@bpmn-io/form-js-viewer';
import { FieldProblem } from './api';
import { h } from './dom';

interface Component {
  key?: string;
  path?: string;
  label?: string;
  dateLabel?: string;
  components?: Component[];
}

/**
 * A task's form (form-js) over the task's variables. `answers()` validates in the browser
 * first (form-js shows those messages beside the fields) and gives the data only when valid;
 * the server checks again, and its per-field refusals are listed with the fields' labels.
 */
export class TaskForm {
  private readonly form: Form;
  private readonly labels = new Map<string, string>();
  readonly element = h('div', { class: 'task-form' });
  readonly problems = h('ul', { class: 'problems', role: 'alert' });

  constructor(
    private readonly schema: { components?: Component[] },
    private readonly variables: Record<string, unknown>,
  ) {
    this.form = new Form({ container: this.element });
    this.collectLabels(schema.components ?? [], '');
  }

  async open(): Promise<void> {
    await this.form.importSchema(this.schema, this.variables);
  }

  answers(): Record<string, unknown> | null {
    this.problems.replaceChildren();
    const { data, errors } = this.form.submit();
    return Object.keys(errors).length ? null : data;
  }

  /** The server's 400 `details`: one line per field, named as the form names it. */
  showProblems(details: FieldProblem[]): void {
    this.problems.replaceChildren(
      ...details.map(({ field, messages }) =>
        h(
          'li',
          { 'data-field': field },
          h('strong', {}, this.labels.get(field) ?? field),
          `: ${messages.join(' ')}`,
        ),
      ),
    );
  }

  destroy(): void {
    this.form.destroy();
  }

  private collectLabels(components: Component[], prefix: string): void {
    for (const component of components) {
      const path = component.key ?? component.path;
      const full = path ? `${prefix}${path}` : prefix.replace(/\.$/, '');
      const label = component.label ?? component.dateLabel;
      if (path && label) this.labels.set(full, label);
      if (component.components)
        this.collectLabels(component.components, path ? `${full}.` : prefix);
    }
  }
}

import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
// After the libraries' style sheets, which it adjusts.
import '../../styles/admin.scss';
import '../../bpmn/constructed-styles';
import { FormEditor } from '@bpmn-io/form-js-editor';

export type FormSchema = Record<string, unknown>;

/**
 * form-js's editor (palette, form canvas, properties panel), loaded only by the form editor's
 * screen, with its CSS as files; its FEEL editors' styles go through constructed-styles.
 */
export class FormSchemaEditor {
  private readonly editor: FormEditor;

  constructor(container: HTMLElement) {
    this.editor = new FormEditor({ container });
  }

  async open(schema: FormSchema): Promise<void> {
    await this.editor.importSchema(schema);
  }

  /** The schema as edited (form-js adds its schemaVersion). */
  schema(): FormSchema {
    return this.editor.saveSchema() as FormSchema;
  }

  /** Called on every edit (not on opening a schema). */
  onChange(listener: () => void): void {
    this.editor.on('commandStack.changed', (event: { trigger?: string }) => {
      if (event?.trigger !== 'clear') listener();
    });
  }

  destroy(): void {
    this.editor.destroy();
  }
}

/** What "Nuovo modulo" opens: an id to change and one field. */
export const NEW_FORM: FormSchema = {
  id: 'nuovo-modulo',
  type: 'default',
  components: [
    {
      id: 'Field_note',
      type: 'textarea',
      key: 'note',
      label: 'Note',
    },
  ],
};

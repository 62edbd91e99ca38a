import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { compileFormSchema, FormSchema, FormSchemaError } from './forms';

/** An embedded form's key in Zeebe (`camunda-forms:bpmn:<id>`) names the same form id here. */
const EMBEDDED_FORM_PREFIX = 'camunda-forms:bpmn:';

export interface LoadedForm {
  id: string;
  file: string;
  schema: FormSchema;
  /** Why the server cannot check answers against it; tasks using it cannot be completed. */
  problems: readonly string[];
}

/**
 * The user task forms: every `*.form` (form-js JSON) in FORMS_DIR, read once
 * at start and found by their `id`, which is the task's form key (the
 * embedded engine resolves `zeebe:formDefinition formId` to the id itself).
 * A broken file is reported and left out rather than stopping the service:
 * the other paths keep working.
 */
@Injectable()
export class TaskForms implements OnModuleInit {
  private readonly logger = new Logger(TaskForms.name);
  private readonly forms = new Map<string, LoadedForm>();

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const dir = this.config.formsDir;
    let files: string[];
    try {
      files = (await readdir(dir)).filter((name) => name.endsWith('.form')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.logger.warn(`forms folder ${dir} not found: tasks with a form cannot be completed`);
      return;
    }
    for (const file of files) this.load(file, await readFile(join(dir, file), 'utf8'));
    this.logger.log(`${this.forms.size} task form(s) loaded from ${dir}`);
  }

  /** The form of a form key, or null when there is none by that id. */
  find(formKey: string): LoadedForm | null {
    const id = formKey.startsWith(EMBEDDED_FORM_PREFIX)
      ? formKey.slice(EMBEDDED_FORM_PREFIX.length)
      : formKey;
    return this.forms.get(id) ?? null;
  }

  private load(file: string, text: string): void {
    let schema: unknown;
    try {
      schema = JSON.parse(text);
    } catch {
      this.logger.error(`form ${file} is not valid JSON: left out`);
      return;
    }
    const id = (schema as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id) {
      this.logger.error(`form ${file} has no id: left out`);
      return;
    }
    const existing = this.forms.get(id);
    if (existing) {
      this.logger.error(`form ${file} repeats the id '${id}' of ${existing.file}: left out`);
      return;
    }
    let problems: readonly string[] = [];
    try {
      compileFormSchema(schema);
    } catch (error) {
      if (!(error instanceof FormSchemaError)) throw error;
      problems = error.problems;
      this.logger.error(`form ${file} cannot be checked by the server: ${error.message}`);
    }
    this.forms.set(id, { id, file, schema: schema as FormSchema, problems });
  }
}

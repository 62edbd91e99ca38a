import { Injectable, Logger } from '@nestjs/common';
import { LoadedOnce } from '../common/loaded-once';
import { FormDefinitionsRepository } from '../models/forms/form-definitions.repository';
import { formIdOfKey } from '../models/forms/form-id.util';
import { Task } from './entities/task.entity';
import { compileFormSchema, FormSchema, FormSchemaError } from './forms';
import { TasksRepository } from './tasks.repository';

/** Compiled form versions kept in memory (a version never changes, so never goes stale). */
const CACHE_SIZE = 500;

export interface LoadedForm {
  /** The version's key (form_definition.key). */
  key: string;
  id: string;
  version: number;
  schema: FormSchema;
  /** Why the server cannot check answers against it; tasks using it cannot be completed. */
  problems: readonly string[];
}

/**
 * The user task forms, as deployed versions (FormRegistry). A task's form key
 * names a form id (the embedded engine resolves `zeebe:formDefinition formId`
 * to the id itself); the task gets the latest version of that form when it is
 * created, as Zeebe resolves a linked form when the user task activates, and
 * keeps it: an administrator publishing a new version changes new tasks, not
 * open ones.
 */
@Injectable()
export class TaskForms {
  private readonly logger = new Logger(TaskForms.name);
  private readonly loaded = new LoadedOnce(CACHE_SIZE, (key) => this.read(key));

  constructor(
    private readonly definitions: FormDefinitionsRepository,
    private readonly tasks: TasksRepository,
  ) {}

  /** For tasks being created: the key of the latest version of each form key's form, when deployed. */
  async latestVersions(formKeys: ReadonlyArray<string | null>): Promise<Map<string, string>> {
    const ids = new Map(
      formKeys.filter((key): key is string => !!key).map((key) => [key, formIdOfKey(key)]),
    );
    const latest = await this.definitions.latestKeys([...new Set(ids.values())]);
    const versions = new Map<string, string>();
    for (const [formKey, formId] of ids) {
      const key = latest.get(formId);
      if (key) versions.set(formKey, key);
    }
    return versions;
  }

  /**
   * The task's form: the version it was given when created. A task created
   * while its form was not deployed gets the latest version now, and keeps
   * it. Null when the task has no form or its form was never deployed.
   */
  async ofTask(
    task: Pick<Task, 'jobKey' | 'formKey' | 'formDefinitionKey'>,
  ): Promise<LoadedForm | null> {
    if (!task.formKey) return null;
    let key = task.formDefinitionKey;
    if (!key) {
      const latest = (await this.latestVersions([task.formKey])).get(task.formKey);
      if (!latest) return null;
      key = await this.tasks.pinForm(task.jobKey, latest);
    }
    return this.loaded.get(key);
  }

  private async read(key: string): Promise<LoadedForm | null> {
    const definition = await this.definitions.byKey(key);
    if (!definition) return null;
    const { formId: id, version, schema } = definition;
    let problems: readonly string[] = [];
    try {
      compileFormSchema(schema);
    } catch (error) {
      if (!(error instanceof FormSchemaError)) throw error;
      // Deployment checks every form: this is a version the server's checks have outgrown.
      problems = error.problems;
      this.logger.error(`form ${id} v${version} cannot be checked by the server: ${error.message}`);
    }
    return { key, id, version, schema: schema as unknown as FormSchema, problems };
  }
}

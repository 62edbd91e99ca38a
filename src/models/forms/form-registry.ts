import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.util';
import { checkFormSchema, FormCheck, FormIssue } from './check-form-schema';
import { DeployOutcome, FormDefinitionsRepository } from './form-definitions.repository';

/** Raised for a form that may not be deployed; `problems` says why, in Italian. */
export class FormRejectedError extends Error {
  constructor(
    message: string,
    readonly problems: readonly FormIssue[],
  ) {
    super(message);
    this.name = 'FormRejectedError';
  }
}

/**
 * Deploys forms as versioned resources: checked first (an id, a schema the
 * server can check answers against), then a new version of the form id unless
 * the latest has the same content.
 */
@Injectable()
export class FormRegistry {
  constructor(private readonly definitions: FormDefinitionsRepository) {}

  check(schema: unknown): FormCheck {
    return checkFormSchema(schema);
  }

  /** `shipped`: Percorsi's own form at start, never put over an administrator's version. */
  async deploy(
    resourceName: string,
    schema: unknown,
    deployedBy: string,
    shipped = false,
  ): Promise<DeployOutcome> {
    const check = checkFormSchema(schema);
    if (!check.ok) {
      throw new FormRejectedError(
        `Il modulo ${resourceName} non può essere pubblicato.`,
        check.problems,
      );
    }
    return this.definitions.deploy(
      {
        formId: check.formId,
        resourceName,
        schema: schema as Record<string, unknown>,
        checksum: formChecksum(schema),
        deployedBy,
      },
      shipped,
    );
  }
}

/** Same content, same checksum, whatever the order of its keys. */
export function formChecksum(schema: unknown): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}

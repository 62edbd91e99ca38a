import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deployerNameSql, SHIPPED_BY } from '../shipped-by';

/** One deployed version of a form; `schema` only where a query asks for it. */
export interface FormDefinitionRow {
  key: string;
  formId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deployedAt: Date;
  /** As a person reads it: the account's display name, "Percorsi" for shipped forms. */
  deployedBy: string | null;
}

export interface FormDefinitionWithSchema extends FormDefinitionRow {
  schema: Record<string, unknown>;
}

export interface LatestFormRow extends FormDefinitionRow {
  /** How many versions the form id has. */
  versions: number;
}

export interface NewFormVersion {
  formId: string;
  resourceName: string;
  schema: Record<string, unknown>;
  checksum: string;
  deployedBy: string;
}

export type DeployOutcome =
  | { outcome: 'created' | 'unchanged'; form: FormDefinitionWithSchema }
  /** A shipped form left out: an administrator published the latest version. */
  | { outcome: 'kept'; form: FormDefinitionWithSchema };

export interface PageRequest {
  limit: number;
  offset: number;
}

const COLUMNS = `f.key::text AS key, f.form_id AS "formId", f.version, f.resource_name AS "resourceName",
  f.checksum, f.deployed_at AS "deployedAt", ${deployerNameSql('f.deployed_by')} AS "deployedBy"`;
const WITH_SCHEMA = `${COLUMNS}, f.schema`;
const FROM = `form_definition f LEFT JOIN account a ON a.username = f.deployed_by`;

/** Every query of `form_definition`. Versions are only ever added. */
@Injectable()
export class FormDefinitionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds a version unless the latest one has the same content (then that one
   * is the answer), one deployment per form id at a time. `shipped`: a form
   * Percorsi ships is not put over a version an administrator published.
   */
  async deploy(form: NewFormVersion, shipped = false): Promise<DeployOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`form:${form.formId}`]);
      const [latest]: Array<FormDefinitionWithSchema & { deployer: string | null }> =
        await manager.query(
          `SELECT ${WITH_SCHEMA}, f.deployed_by AS deployer FROM ${FROM}
            WHERE f.form_id = $1 ORDER BY f.version DESC LIMIT 1`,
          [form.formId],
        );
      if (latest) {
        const { deployer, ...current } = latest;
        if (current.checksum === form.checksum) return { outcome: 'unchanged', form: current };
        if (shipped && deployer !== SHIPPED_BY) return { outcome: 'kept', form: current };
      }
      const [created]: FormDefinitionWithSchema[] = await manager.query(
        `WITH f AS (
           INSERT INTO form_definition (form_id, version, resource_name, schema, checksum, deployed_by)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
         SELECT ${WITH_SCHEMA} FROM f LEFT JOIN account a ON a.username = f.deployed_by`,
        [
          form.formId,
          (latest?.version ?? 0) + 1,
          form.resourceName,
          form.schema,
          form.checksum,
          form.deployedBy,
        ],
      );
      return { outcome: 'created', form: created };
    });
  }

  /** Which (form id, content) pairs were ever deployed, as `formId checksum`. */
  async deployedContents(): Promise<Set<string>> {
    const rows: Array<{ formId: string; checksum: string }> = await this.dataSource.query(
      `SELECT form_id AS "formId", checksum FROM form_definition`,
    );
    return new Set(rows.map((row) => `${row.formId} ${row.checksum}`));
  }

  async latest(formId: string): Promise<FormDefinitionWithSchema | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${WITH_SCHEMA} FROM ${FROM} WHERE f.form_id = $1 ORDER BY f.version DESC LIMIT 1`,
      [formId],
    );
    return row ?? null;
  }

  async version(formId: string, version: number): Promise<FormDefinitionWithSchema | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${WITH_SCHEMA} FROM ${FROM} WHERE f.form_id = $1 AND f.version = $2`,
      [formId, version],
    );
    return row ?? null;
  }

  async byKey(key: string): Promise<FormDefinitionWithSchema | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${WITH_SCHEMA} FROM ${FROM} WHERE f.key = $1`,
      [key],
    );
    return row ?? null;
  }

  /** The key of the latest version of each of these form ids that is deployed. */
  async latestKeys(formIds: readonly string[]): Promise<Map<string, string>> {
    if (formIds.length === 0) return new Map();
    const rows: Array<{ formId: string; key: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (form_id) form_id AS "formId", key::text AS key FROM form_definition
        WHERE form_id = ANY($1::text[]) ORDER BY form_id, version DESC`,
      [formIds],
    );
    return new Map(rows.map((row) => [row.formId, row.key]));
  }

  /** A form's versions, newest first. */
  async versions(
    formId: string,
    page: PageRequest,
  ): Promise<{ rows: FormDefinitionRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM ${FROM} WHERE f.form_id = $1 ORDER BY f.version DESC LIMIT $2 OFFSET $3`,
        [formId, page.limit, page.offset],
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM form_definition WHERE form_id = $1`,
        [formId],
      ),
    ]);
    return { rows, total };
  }

  /** The latest version of each form id, by form id, with its number of versions. */
  async latestOfEach(page: PageRequest): Promise<{ rows: LatestFormRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS}, f.versions FROM (
           SELECT *, count(*) OVER (PARTITION BY form_id)::int AS versions,
                  row_number() OVER (PARTITION BY form_id ORDER BY version DESC) AS rank
             FROM form_definition) f
           LEFT JOIN account a ON a.username = f.deployed_by
          WHERE f.rank = 1 ORDER BY f.form_id LIMIT $1 OFFSET $2`,
        [page.limit, page.offset],
      ),
      this.dataSource.query(`SELECT count(DISTINCT form_id)::int AS total FROM form_definition`),
    ]);
    return { rows, total };
  }
}

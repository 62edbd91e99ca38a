import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One deployed version of a form (form-js schema), as Zeebe 8.5 deploys
 * `.form` resources: the form id is the schema's `id`, versions count from 1
 * per form id, and a version never changes once deployed.
 */
@Entity('form_definition')
@Unique(['formId', 'version'])
@Index('form_definition_checksum', ['formId', 'checksum'])
export class FormDefinition {
  /** The form key (int64, like Zeebe's): one version of one form. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' })
  key!: string;

  @Column({ type: 'varchar', length: 255 })
  formId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 255 })
  resourceName!: string;

  @Column({ type: 'jsonb' })
  schema!: Record<string, unknown>;

  /** SHA-256 of the schema's canonical JSON: the same content is the same version. */
  @Column({ type: 'char', length: 64 })
  checksum!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  deployedAt!: Date;

  /** The administrator's username; `percorsi` for the forms shipped with Percorsi. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  deployedBy!: string | null;
}

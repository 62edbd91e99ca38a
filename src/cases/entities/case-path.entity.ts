import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A path (process instance) running or run for a case. */
@Entity('case_path')
export class CasePath {
  @PrimaryColumn('uuid')
  caseId!: string;

  @PrimaryColumn({ type: 'bigint' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 255 })
  bpmnProcessId!: string;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;
}

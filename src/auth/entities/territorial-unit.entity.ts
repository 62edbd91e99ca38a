import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A territorial unit of the service: one per Circoscrizione (Palermo: I–VIII). */
@Entity('territorial_unit')
export class TerritorialUnit {
  /** Roman numeral, also used in case numbers (SSC-III-2026-000123). */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;
}

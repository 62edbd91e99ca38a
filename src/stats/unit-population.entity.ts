import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Inhabitants of a territorial unit, set by an administrator: the base of the LEPS staffing target. */
@Entity('unit_population')
export class UnitPopulation {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  unitCode!: string;

  @Column({ type: 'int' })
  population!: number;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

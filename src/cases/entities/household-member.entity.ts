import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Household } from './household.entity';
import { Person } from './person.entity';

@Entity('household_member')
export class HouseholdMember {
  @PrimaryColumn('uuid')
  householdId!: string;

  @PrimaryColumn('uuid')
  personId!: string;

  /** e.g. intestatario, coniuge, figlio/a, genitore, altro. */
  @Column({ type: 'varchar', length: 40 })
  relationship!: string;

  @ManyToOne(() => Household, (household) => household.members)
  @JoinColumn({ name: 'household_id' })
  household?: Household;

  @ManyToOne(() => Person)
  @JoinColumn({ name: 'person_id' })
  person?: Person;
}

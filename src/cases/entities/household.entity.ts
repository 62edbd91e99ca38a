import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { HouseholdMember } from './household-member.entity';

/** Nucleo familiare: the people living together at an address, in one territorial unit. */
@Entity('household')
export class Household {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  address!: string;

  @Column({ type: 'varchar', length: 8 })
  unitCode!: string;

  @OneToMany(() => HouseholdMember, (member) => member.household)
  members?: HouseholdMember[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;
}

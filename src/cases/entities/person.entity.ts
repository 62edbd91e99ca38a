import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person known to the service; the tax code is optional (newborns, people without documents). */
@Entity('person')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  taxCode!: string | null;

  @Column({ type: 'varchar', length: 100 })
  surname!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'char', length: 1, nullable: true })
  sex!: 'F' | 'M' | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  birthPlace!: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  citizenship!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;
}

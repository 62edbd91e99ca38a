import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Role } from '../role';
import { TerritorialUnit } from './territorial-unit.entity';

/** A person who signs in: one role, and one unit unless manager or administrator. */
@Entity('account')
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Unique regardless of case (index account_username on lower(username)). */
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ type: 'varchar', length: 8, nullable: true })
  unitCode!: string | null;

  /** Where notifications are e-mailed (when SMTP_URL is set); null: in-app inbox only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @ManyToOne(() => TerritorialUnit, { nullable: true })
  @JoinColumn({ name: 'unit_code' })
  unit?: TerritorialUnit | null;

  /** scrypt, self-describing (see password-hasher.ts); null until a password is set. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  /** The `sub` of this person at the OpenID provider, linked at their first OIDC login. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  oidcSubject!: string | null;

  /** false: cannot sign in; their sessions were ended when this was set. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Share of a full-time post (1 = full time), for the LEPS ratio counted in FTE. */
  @Column({
    type: 'numeric',
    precision: 3,
    scale: 2,
    default: 1,
    transformer: { to: (value: number) => value, from: (value: string) => Number(value) },
  })
  fte!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;
}

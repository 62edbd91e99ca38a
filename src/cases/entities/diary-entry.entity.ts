import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DIARY_KINDS = ['note', 'meeting', 'home-visit', 'phone-call', 'correction'] as const;
export type DiaryKind = (typeof DIARY_KINDS)[number];

/** An entry of the social diary: never edited or deleted (the table refuses it); a correction points to what it corrects. */
@Entity('diary_entry')
export class DiaryEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: DiaryKind;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'uuid', nullable: true })
  correctsId!: string | null;

  @Column('uuid')
  authorId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

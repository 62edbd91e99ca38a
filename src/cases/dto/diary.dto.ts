import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DIARY_KINDS, DiaryKind } from '../entities/diary-entry.entity';

export class CreateDiaryEntryDto {
  @ApiProperty({ enum: DIARY_KINDS, description: "'correction' con correctsEntryId" })
  @IsIn(DIARY_KINDS)
  kind!: DiaryKind;

  @IsISO8601()
  occurredAt!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 20000)
  text!: string;

  @ApiPropertyOptional({
    description:
      'Per una correzione: la voce della stessa cartella che corregge (non una già corretta)',
  })
  @IsOptional()
  @IsUUID()
  correctsEntryId?: string;
}

export const TIMELINE_ITEM_TYPES = [
  'diary',
  'path',
  'document',
  'decision',
  'case-manager',
] as const;

export class TimelineItemDto {
  @ApiProperty({ enum: TIMELINE_ITEM_TYPES })
  type!: (typeof TIMELINE_ITEM_TYPES)[number];
  at!: Date;
  /** What happened, in Italian, with the names of steps, paths and people. */
  title!: string;
  @ApiPropertyOptional()
  text?: string;
  /** The diary entry, document, decision or assignment. */
  @ApiPropertyOptional()
  id?: string;
  /** A diary correction: the entry it corrects. */
  @ApiPropertyOptional({ type: String, nullable: true })
  correctsEntryId?: string | null;
  /** A corrected diary entry (its text kept): the entry that corrects it. */
  @ApiPropertyOptional({ type: String, nullable: true })
  correctedByEntryId?: string | null;
  /** Display name of who wrote, uploaded, recorded or assigned. */
  @ApiPropertyOptional()
  author?: string;
}

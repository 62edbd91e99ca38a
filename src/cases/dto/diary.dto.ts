import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DIARY_KINDS, DiaryKind } from '../entities/diary-entry.entity';

export class CreateDiaryEntryDto {
  @ApiProperty({ enum: DIARY_KINDS })
  @IsIn(DIARY_KINDS)
  kind!: DiaryKind;

  @IsISO8601()
  occurredAt!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 20000)
  text!: string;

  @ApiPropertyOptional({ description: 'Per una correzione: la voce che corregge' })
  @IsOptional()
  @IsUUID()
  correctsId?: string;
}

export class TimelineItemDto {
  @ApiProperty({ enum: ['diary', 'path', 'document'] })
  type!: 'diary' | 'path' | 'document';
  at!: Date;
  /** What happened, in Italian. */
  title!: string;
  @ApiPropertyOptional()
  text?: string;
  @ApiPropertyOptional()
  id?: string;
  @ApiPropertyOptional()
  correctsId?: string | null;
  @ApiPropertyOptional()
  author?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class AssignCaseManagerDto {
  /** An active caseworker or coordinator of the case's unit. */
  @IsUUID()
  accountId!: string;

  @ApiPropertyOptional({ example: 'Riequilibrio dei carichi di lavoro' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

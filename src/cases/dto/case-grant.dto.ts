import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsString, IsUUID, Length } from 'class-validator';

/** The longest a manager's access to one case lasts; a longer need is a new, new-reasoned grant. */
export const MAX_GRANT_DAYS = 90;

export class CreateCaseGrantDto {
  @ApiProperty({
    description:
      "L'account del dirigente che potrà consultare la cartella; dal coordinatore anche un amministratore, che vedrà le variabili delle istanze della cartella",
  })
  @IsUUID()
  managerId!: string;

  @ApiProperty({ description: 'Perché il dirigente deve consultare la cartella' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(10, 500)
  reason!: string;

  @ApiProperty({
    example: '2026-06-30T18:00:00+02:00',
    description: `Entro ${MAX_GRANT_DAYS} giorni`,
  })
  @IsISO8601({ strict: true })
  expiresAt!: string;
}

export class CaseGrantDto {
  id!: string;
  caseId!: string;
  manager!: string;
  reason!: string;
  grantedBy!: string;
  grantedAt!: Date;
  expiresAt!: Date;
}

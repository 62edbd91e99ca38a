import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsEngineKey } from '../../engine/http/engine-key.validator';
import { DECISION_KINDS } from '../decisions/decision-catalog';

export class DecisionOptionDto {
  value!: string;
  label!: string;
}

export class DecisionFieldDto {
  key!: string;
  label!: string;
  @ApiProperty({ enum: ['date', 'text', 'choice'] })
  type!: 'date' | 'text' | 'choice';
  required!: boolean;
  @ApiPropertyOptional({ type: [DecisionOptionDto], description: 'Per type = choice' })
  options?: DecisionOptionDto[];
  @ApiPropertyOptional({ description: 'Obbligatorio solo quando un altro campo ha questo valore' })
  requiredWhen?: { field: string; value: string };
}

/** A decision a running path of the case waits for now. */
export class AvailableDecisionDto {
  kind!: string;
  label!: string;
  /** Who decides: Prefettura, Tribunale per i Minorenni, its Procura, Giudice Tutelare, Tribunale ordinario. */
  authority!: string;
  /** The instance that waits: the case's path or a process it called. */
  processInstanceKey!: string;
  pathName!: string;
  /** The waiting step, by its name in the model. */
  stepName!: string;
  fields!: DecisionFieldDto[];
}

export class RecordDecisionDto {
  @ApiProperty({ enum: DECISION_KINDS.map((k) => k.kind) })
  @IsIn(DECISION_KINDS.map((k) => k.kind))
  kind!: string;

  @ApiProperty({ example: '2251799813685249' })
  @IsEngineKey()
  processInstanceKey!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { evictionDate: '2026-04-16', reference: 'Prot. 1234/2026' },
    description: 'Valori per chiave dei campi del tipo (GET …/decisions/available)',
  })
  @IsObject()
  fields!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Un documento della cartella (il decreto)' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

export class DecisionDetailDto {
  key!: string;
  label!: string;
  /** As recorded: YYYY-MM-DD for a date, the option's value for a choice. */
  value!: string;
  /** As a person reads it: 16/04/2026, the option's label. */
  text!: string;
}

export class DecisionDto {
  id!: string;
  kind!: string;
  label!: string;
  authority!: string;
  processInstanceKey!: string;
  pathName!: string;
  stepName!: string;
  details!: DecisionDetailDto[];
  @ApiProperty({ type: String, nullable: true })
  documentId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
  /** Display name of who recorded it. */
  recordedBy!: string;
  recordedAt!: Date;
  /**
   * pending: the path has not received it yet (it is on its way); delivered: the path moved
   * on with it; not-delivered: the path stopped waiting before it arrived.
   */
  @ApiProperty({ enum: ['pending', 'delivered', 'not-delivered'] })
  status!: 'pending' | 'delivered' | 'not-delivered';
}

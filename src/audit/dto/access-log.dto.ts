import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { AccessLogEntry } from '../access-log.entity';

export class PersonAccessLogQueryDto extends PageQueryDto {
  @ApiProperty({ description: 'La persona che chiede chi ha visto i suoi dati' })
  @IsUUID()
  personId!: string;
}

export class PurgeAccessLogDto {
  @ApiProperty({
    example: '2024-01-01',
    description: 'Si eliminano le voci anteriori a questo giorno (ora di Roma): almeno 24 mesi fa',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  before!: string;
}

export class PurgeResultDto {
  before!: string;
  deleted!: number;
}

/** One access: who, in which role and unit, when, what, from where, why. */
export class AccessLogEntryDto {
  id!: string;
  at!: Date;
  username!: string;
  /** The account's display name (null for the system or a failed login). */
  @ApiProperty({ type: String, nullable: true })
  displayName!: string | null;
  role!: string;
  @ApiProperty({ type: String, nullable: true })
  unitCode!: string | null;
  action!: string;
  entity!: string;
  @ApiProperty({ type: String, nullable: true })
  entityId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String, nullable: true })
  address!: string | null;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] })
  items!: AccessLogEntryDto[];
  total!: number;
  limit!: number;
  offset!: number;
}

export function toAccessLogEntryDto(
  entry: AccessLogEntry,
  displayName: string | null = null,
): AccessLogEntryDto {
  const { id, at, username, role, unitCode, action, entity, entityId, caseId, reason, address } =
    entry;
  return {
    id,
    at,
    username,
    displayName,
    role,
    unitCode,
    action,
    entity,
    entityId,
    caseId,
    reason,
    address,
  };
}

import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../auth/role';

export class TerritorialUnitDto {
  @ApiProperty({ example: 'III' })
  code!: string;

  @ApiProperty({ example: 'Circoscrizione III' })
  name!: string;
}

export type StaffRole = Role.Caseworker | Role.Coordinator;

/** Someone a task or a case of the unit can be assigned to. */
export class UnitStaffMemberDto {
  accountId!: string;
  /** What `POST /api/tasks/:id/assign { username }` takes. */
  username!: string;
  displayName!: string;
  @ApiProperty({ enum: [Role.Caseworker, Role.Coordinator] })
  role!: StaffRole;
}

/** A member of the unit with their load, so an assignment is an informed choice. */
export class UnitBoardMemberDto extends UnitStaffMemberDto {
  @ApiProperty({ type: 'integer', description: "Cartelle aperte dell'unità di cui è case manager" })
  openCases!: number;
  @ApiProperty({ type: 'integer', description: 'Attività aperte assegnate' })
  openTasks!: number;
  @ApiProperty({ type: 'integer', description: 'Di cui con la data di scadenza passata' })
  overdueTasks!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Di cui non ancora scadute e in scadenza entro domenica (settimana corrente, ora di Roma)',
  })
  tasksDueThisWeek!: number;
  @ApiProperty({ type: 'integer', description: 'Scadenze legali a rischio delle sue cartelle' })
  deadlinesAtRisk!: number;
}

/** The coordinator's view of the unit: what waits for someone, and who carries what. */
export class UnitBoardDto {
  unitCode!: string;
  unitName!: string;
  @ApiProperty({ type: 'integer', description: 'Attività aperte non assegnate' })
  unassignedTasks!: number;
  @ApiProperty({ type: 'integer', description: 'Attività aperte con la data di scadenza passata' })
  overdueTasks!: number;
  @ApiProperty({ type: 'integer', description: 'Cartelle aperte senza case manager' })
  casesWithoutManager!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Scadenze legali in corso entro DEADLINE_REMINDER_WORKING_DAYS giorni lavorativi (o già passate), o superate su cartelle aperte',
  })
  deadlinesAtRisk!: number;
  @ApiProperty({ type: [UnitBoardMemberDto] })
  staff!: UnitBoardMemberDto[];
}

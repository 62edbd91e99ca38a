import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Task, TaskState } from '../entities/task.entity';

export class TaskDto {
  @ApiProperty({
    description: 'Identificativo dell’attività (la chiave del job)',
    example: '2251799813685251',
  })
  id!: string;

  @ApiProperty({ description: 'Nome dell’attività nel modello', example: 'Primo colloquio' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'SSC-III-2026-000123' })
  caseNumber!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'La cartella (null per una segnalazione)',
  })
  caseId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Cognome e nome della persona della cartella (o della segnalazione, se indicata)',
    example: 'Esposito Maria',
  })
  personName!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Il percorso (il processo che porta il numero della cartella)',
    example: 'Patto per l’inclusione (ADI)',
  })
  pathName!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Il processo dell’attività (es. la presa in carico chiamata dal percorso)',
  })
  processName!: string | null;

  @ApiProperty({
    description: 'Il percorso (id del processo BPMN)',
    example: 'adi-patto-inclusione',
  })
  bpmnProcessId!: string;

  @ApiProperty({ example: 'primo-colloquio' })
  elementId!: string;

  @ApiProperty()
  processInstanceKey!: string;

  @ApiProperty({ type: String, nullable: true })
  assignee!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Il nome di chi ha in carico l’attività',
    example: 'Anna Rinaldi',
  })
  assigneeName!: string | null;

  @ApiProperty({ type: [String], example: ['caseworker-III'] })
  candidateGroups!: string[];

  @ApiProperty({ type: [String] })
  candidateUsers!: string[];

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty({ type: Date, nullable: true, description: 'Scadenza' })
  dueDate!: Date | null;

  @ApiProperty({ type: Date, nullable: true, description: 'Data di ripresa (follow-up)' })
  followUpDate!: Date | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, example: 50 })
  priority!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Il modulo da compilare (id del form)',
  })
  formKey!: string | null;

  @ApiProperty({ enum: TaskState, enumName: 'TaskState' })
  state!: TaskState;

  @ApiPropertyOptional({ type: Date, nullable: true })
  completedAt!: Date | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  completedBy!: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Il nome di chi ha completato l’attività',
  })
  completedByName!: string | null;

  @ApiPropertyOptional({
    type: Date,
    nullable: true,
    description: 'Quando il motore ha annullato l’attività (percorso annullato o proseguito)',
  })
  canceledAt!: Date | null;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskDto] })
  items!: TaskDto[];

  @ApiProperty({
    type: 'integer',
    description: 'Attività che corrispondono al filtro, tutte le pagine',
  })
  total!: number;

  @ApiProperty({ description: 'false: more than `total` tasks match (the count stops at 1,000)' })
  totalExact!: boolean;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer' })
  offset!: number;
}

/** Who a task's case (or referral) is about, found by its number. */
export interface TaskSubject {
  caseId: string | null;
  personId: string | null;
  personName: string | null;
}

/** Display names by username, for the people a task names. */
export type StaffNames = ReadonlyMap<string, string>;

export function toTaskDto(task: Task, subject?: TaskSubject, names?: StaffNames): TaskDto {
  const nameOf = (username: string | null) =>
    username ? (names?.get(username) ?? username) : null;
  return {
    id: task.jobKey,
    name: task.name,
    caseNumber: task.caseNumber,
    caseId: subject?.caseId ?? null,
    personName: subject?.personName ?? null,
    pathName: task.pathName ?? task.processName,
    processName: task.processName,
    bpmnProcessId: task.bpmnProcessId,
    elementId: task.elementId,
    processInstanceKey: task.processInstanceKey,
    assignee: task.assignee,
    assigneeName: nameOf(task.assignee),
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    createdAt: task.createdAt,
    dueDate: task.dueAt,
    followUpDate: task.followUpAt,
    priority: task.priority,
    formKey: task.formKey,
    state: task.state,
    completedAt: task.completedAt,
    completedBy: task.completedBy,
    completedByName: nameOf(task.completedBy),
    canceledAt: task.canceledAt,
  };
}

/** The counts on the tasklist's tabs, each up to 1,000. */
export class TaskCountsDto {
  @ApiProperty({ type: 'integer', description: 'Assegnate a me, aperte' })
  mine!: number;

  @ApiProperty({ type: 'integer', description: 'Da prendere in carico (di cui sono candidato)' })
  unitUnassigned!: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Tutte le aperte dell’unità (solo coordinatori)',
  })
  unit!: number | null;

  @ApiProperty({ type: 'integer', description: 'Completate da me (dall’unità per i coordinatori)' })
  completed!: number;

  @ApiProperty({ type: 'integer', description: 'Mie, con la scadenza passata' })
  overdueMine!: number;
}

import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Principal } from '../auth/principal';
import { CreateTaskFilterDto, TaskFilterDto, toTaskFilterDto } from './dto/task-filter.dto';
import { TaskCriteriaDto } from './dto/task-query.dto';
import { TaskCriteria } from './entities/task-filter.entity';
import { taskScopeOf } from './task-access';
import { TaskFiltersRepository } from './task-filters.repository';

const NOT_FOUND = 'Filtro non trovato.';

/**
 * Saved tasklist filters: private to their owner, or shared with the owner's
 * unit (`sharedWithUnit`). Never seen from another unit, not even by their
 * owner after a move: a filter belongs to the unit it was saved in.
 */
@Injectable()
export class TaskFiltersService {
  constructor(private readonly filters: TaskFiltersRepository) {}

  async list(principal: Principal): Promise<TaskFilterDto[]> {
    const scope = taskScopeOf(principal);
    const filters = await this.filters.visible(scope.unitCode, principal.accountId);
    return filters.map(toTaskFilterDto);
  }

  async create(principal: Principal, dto: CreateTaskFilterDto): Promise<TaskFilterDto> {
    const scope = taskScopeOf(principal);
    const name = dto.name.trim();
    const created = await this.filters.create({
      ownerAccountId: principal.accountId,
      ownerUsername: scope.username,
      unitCode: scope.unitCode,
      name,
      criteria: criteriaOf(dto.query),
      sharedWithUnit: dto.sharedWithUnit ?? false,
    });
    if (!created) throw new ConflictException(`Hai già un filtro chiamato «${name}».`);
    return toTaskFilterDto(created);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const scope = taskScopeOf(principal);
    const filter = await this.filters.findVisible(id, scope.unitCode, principal.accountId);
    if (!filter) throw new NotFoundException(NOT_FOUND);
    if (filter.ownerAccountId !== principal.accountId) {
      throw new ForbiddenException(
        `Solo chi ha creato il filtro (${filter.ownerUsername}) può eliminarlo.`,
      );
    }
    if (!(await this.filters.delete(id, principal.accountId)))
      throw new NotFoundException(NOT_FOUND);
  }
}

/** Only the criteria that were given, as plain JSON. */
function criteriaOf(query: TaskCriteriaDto): TaskCriteria {
  const criteria: TaskCriteria = {};
  if (query.view !== undefined) criteria.view = query.view;
  if (query.bpmnProcessId !== undefined) criteria.bpmnProcessId = query.bpmnProcessId;
  if (query.dueBefore !== undefined) criteria.dueBefore = query.dueBefore;
  if (query.dueAfter !== undefined) criteria.dueAfter = query.dueAfter;
  if (query.priority !== undefined) criteria.priority = query.priority;
  if (query.caseNumber !== undefined) criteria.caseNumber = query.caseNumber;
  if (query.assigned !== undefined) criteria.assigned = query.assigned;
  return criteria;
}

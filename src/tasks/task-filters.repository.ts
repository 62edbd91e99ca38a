import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { TaskCriteria, TaskFilter } from './entities/task-filter.entity';

/** Every query of saved filters. Visibility is part of each query: a unit never sees another's. */
@Injectable()
export class TaskFiltersRepository {
  private readonly filters: Repository<TaskFilter>;

  constructor(dataSource: DataSource) {
    this.filters = dataSource.getRepository(TaskFilter);
  }

  /** The owner's own, and those shared within the unit; by name. */
  visible(unitCode: string, accountId: string): Promise<TaskFilter[]> {
    return this.filters
      .createQueryBuilder('f')
      .where('f.unitCode = :unitCode', { unitCode })
      .andWhere('(f.ownerAccountId = :accountId OR f.sharedWithUnit)', { accountId })
      .orderBy('lower(f.name)')
      .addOrderBy('f.createdAt')
      .getMany();
  }

  findVisible(id: string, unitCode: string, accountId: string): Promise<TaskFilter | null> {
    return this.filters
      .createQueryBuilder('f')
      .where('f.id = :id', { id })
      .andWhere('f.unitCode = :unitCode', { unitCode })
      .andWhere('(f.ownerAccountId = :accountId OR f.sharedWithUnit)', { accountId })
      .getOne();
  }

  /** Null when the owner already has a filter by that name (any case). */
  async create(filter: {
    ownerAccountId: string;
    ownerUsername: string;
    unitCode: string;
    name: string;
    criteria: TaskCriteria;
    sharedWithUnit: boolean;
  }): Promise<TaskFilter | null> {
    const rows: TaskFilter[] = await this.filters
      .createQueryBuilder()
      .insert()
      .values(filter)
      .orIgnore()
      .returning('id')
      .execute()
      .then((result) => result.raw);
    if (rows.length === 0) return null;
    return this.filters.findOneByOrFail({ id: rows[0].id });
  }

  async delete(id: string, ownerAccountId: string): Promise<boolean> {
    const result = await this.filters.delete({ id, ownerAccountId });
    return (result.affected ?? 0) > 0;
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TaskFilter } from '../entities/task-filter.entity';
import { TaskCriteriaDto } from './task-query.dto';

export class CreateTaskFilterDto {
  @ApiProperty({ example: 'Scadenze ADI della settimana', maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({
    type: TaskCriteriaDto,
    description: 'I parametri di GET /api/tasks (senza limit e offset)',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => TaskCriteriaDto)
  query!: TaskCriteriaDto;

  @ApiPropertyOptional({ default: false, description: 'Visibile ai colleghi della propria unità' })
  @IsOptional()
  @IsBoolean()
  sharedWithUnit?: boolean;
}

export class TaskFilterDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: TaskCriteriaDto })
  query!: TaskCriteriaDto;

  @ApiProperty({ description: 'Chi ha salvato il filtro' })
  owner!: string;

  @ApiProperty()
  sharedWithUnit!: boolean;

  @ApiProperty()
  createdAt!: Date;
}

export function toTaskFilterDto(filter: TaskFilter): TaskFilterDto {
  return {
    id: filter.id,
    name: filter.name,
    query: filter.criteria,
    owner: filter.ownerUsername,
    sharedWithUnit: filter.sharedWithUnit,
    createdAt: filter.createdAt,
  };
}

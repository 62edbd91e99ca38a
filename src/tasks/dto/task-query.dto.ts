import { IntersectionType } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/page-query.dto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CASE_NUMBER_PATTERN } from '../case-number.util';
import { TaskCriteria } from '../entities/task-filter.entity';
import { TaskView } from '../tasks.repository';

export const TASK_VIEWS: readonly TaskView[] = ['mine', 'unit-unassigned', 'unit', 'completed'];

/** What a view shows: the query parameters of GET /api/tasks without paging, and a saved filter's content. */
export class TaskCriteriaDto implements TaskCriteria {
  @ApiPropertyOptional({
    enum: TASK_VIEWS,
    default: 'mine',
    description:
      'mine: assegnate a me; unit-unassigned: da prendere in carico nella mia unità; unit: tutte le aperte dell’unità (coordinatori); completed: completate da me (dall’unità per i coordinatori)',
  })
  @IsOptional()
  @IsIn(TASK_VIEWS)
  view?: TaskView;

  @ApiPropertyOptional({ description: 'Solo questo percorso (id del processo BPMN)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  bpmnProcessId?: string;

  @ApiPropertyOptional({ description: 'Scadenza prima di questo istante (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'Scadenza dopo questo istante (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAfter?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  priority?: number;

  @ApiPropertyOptional({ example: 'SSC-III-2026-000123' })
  @IsOptional()
  @IsString()
  @Matches(CASE_NUMBER_PATTERN)
  caseNumber?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: solo quelle assegnate a qualcuno; false: solo quelle di nessuno (con view=unit: tutte quelle da assegnare nell’unità, come le conta la bacheca)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  assigned?: boolean;
}

/** `GET /api/tasks`: a view, its criteria, a page (by default the 50 most urgent). */
export class TaskQueryDto extends IntersectionType(TaskCriteriaDto, PageQueryDto) {}

import { ApiProperty } from '@nestjs/swagger';

export { MAX_PAGE_SIZE, PageQueryDto } from '../../../common/page-query.dto';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** What every page answer carries besides its items. */
export abstract class PageDto {
  @ApiProperty({ type: 'integer', description: 'Rows matching the filter, all pages together' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer' })
  offset!: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EXPORT_FORMATS, ExportFormat } from '../table-export';

/** Every figures table answers as JSON, or as a download (logged). */
export class ExportQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'json',
    description: 'csv o xlsx: da scaricare (registrato)',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'json';
}

/** The city, a unit, a path: what most figures are narrowed to. */
export class UnitPathFilterDto extends ExportQueryDto {
  @ApiPropertyOptional({ example: 'III', description: 'Unità territoriale' })
  @IsOptional()
  @Matches(/^[IVXLCDM]{1,8}$/)
  unitCode?: string;

  @ApiPropertyOptional({
    example: 'adi-patto-inclusione',
    description: 'Percorso (id del processo)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  bpmnProcessId?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class SaveTaskDraftDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Le risposte del modulo come sono ora',
  })
  @IsObject()
  data!: Record<string, unknown>;
}

export class TaskDraftDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: object;

  @ApiProperty()
  savedAt!: Date;
}

export class SavedDraftDto {
  @ApiProperty()
  savedAt!: Date;
}

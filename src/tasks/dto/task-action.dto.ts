import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class AssignTaskDto {
  @ApiProperty({
    description:
      'Chi prende in carico l’attività: assistente sociale o coordinatore attivo dell’unità',
    example: 'assistente.iii',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'I dati del modulo; {} (o assente) per un’attività senza modulo',
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

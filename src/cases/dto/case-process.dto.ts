import { ApiProperty } from '@nestjs/swagger';

/** One path of a case as a diagram shows it: the model and where the instance is. */
export class CaseProcessDto {
  bpmnProcessId!: string;
  processInstanceKey!: string;
  @ApiProperty({ enum: ['ACTIVE', 'COMPLETED', 'TERMINATED', 'CANCELED'] })
  state!: string;
  startedAt!: Date;
  /** BPMN 2.0 XML of the version the instance runs on. */
  xml!: string;
  activeElementIds!: string[];
  /** Elements with more than one active instance (tokens that met at a step), and how many. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  repeatedActiveElements!: Record<string, number>;
  completedElementIds!: string[];
  takenSequenceFlowIds!: string[];
  /** Where an open incident stops the path: its failed step, or the call step of a failed called process. */
  incidentElementIds!: string[];
}

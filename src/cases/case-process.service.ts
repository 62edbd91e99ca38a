import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { EngineReadRepository } from '../engine/http/engine-read.repository';
import { CaseAccess } from './case-access';
import { EngineReadModel } from '../engine/read-model/engine-read-model';
import { CaseProcessDto } from './dto/case-process.dto';

/** The case's paths for a diagram view (bpmn-js): scoped by the case rule, unlike the admin-only engine API. */
@Injectable()
export class CaseProcessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly engine: EngineReadRepository,
    private readonly reads: EngineReadModel,
  ) {}

  async view(actor: Actor, caseId: string): Promise<CaseProcessDto[]> {
    const paths: Array<Omit<CaseProcessDto, 'xml' | keyof ElementIds> & { definitionKey: string }> =
      await this.dataSource.transaction(async (manager) => {
        const found = await this.access.require(manager, actor, caseId);
        await this.audit.record(
          actor,
          { action: 'read', entity: 'case', entityId: caseId, caseId, personIds: [found.personId] },
          manager,
        );
        return manager.query(
          `SELECT cp.bpmn_process_id AS "bpmnProcessId", cp.process_instance_key::text AS "processInstanceKey",
                  pi.state, pi.started_at AS "startedAt", pi.process_definition_key::text AS "definitionKey"
             FROM case_path cp JOIN process_instance pi ON pi.key = cp.process_instance_key
            WHERE cp.case_id = $1 ORDER BY cp.started_at, cp.process_instance_key`,
          [caseId],
        );
      });
    return Promise.all(
      paths.map(async ({ definitionKey, ...path }) => ({
        ...path,
        xml: (await this.engine.definitionXml(definitionKey))?.xml ?? '',
        ...(await this.engine.instanceElements(path.processInstanceKey)),
        incidentElementIds: await this.reads.incidentElementIds(
          this.dataSource.manager,
          path.processInstanceKey,
        ),
      })),
    );
  }
}

type ElementIds = Pick<
  CaseProcessDto,
  | 'activeElementIds'
  | 'repeatedActiveElements'
  | 'completedElementIds'
  | 'takenSequenceFlowIds'
  | 'incidentElementIds'
>;

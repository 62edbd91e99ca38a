import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { CaseAccess } from './case-access';
import { CaseDecisionsService } from './case-decisions.service';
import { caseInstances } from './case-instances';
import {
  EngineReadModel,
  CaseFlowEvent,
  CaseInstance,
} from '../engine/read-model/engine-read-model';
import { TimelineItemDto } from './dto/diary.dto';
import { diaryItems } from './diary-items';
import { PathNames } from './path-names';

const EVENT_TYPES = new Set(['INTERMEDIATE_CATCH_EVENT', 'BOUNDARY_EVENT', 'RECEIVE_TASK']);

/**
 * The case's history in one list, oldest first: the diary (corrections beside what they
 * correct), the steps of its paths and of the processes they called, documents, outside
 * decisions and changes of case manager — all by the names people read.
 */
@Injectable()
export class CaseTimelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly engineReads: EngineReadModel,
    private readonly decisions: CaseDecisionsService,
    private readonly names: PathNames,
  ) {}

  async timeline(actor: Actor, caseId: string): Promise<TimelineItemDto[]> {
    const read = await this.dataSource.transaction(async (manager) => {
      const found = await this.access.require(manager, actor, caseId);
      const instances = await caseInstances(this.engineReads, manager, caseId);
      const result = {
        instances,
        diary: await diaryItems(manager, caseId),
        steps: await this.engineReads.steps(manager, instances),
        documents: await manager.query(
          `SELECT d.id, d.file_name, d.uploaded_at AS at, a.display_name AS author
             FROM case_document d JOIN account a ON a.id = d.uploaded_by WHERE d.case_id = $1`,
          [caseId],
        ),
        decisions: await this.decisions.rows(manager, caseId),
        assignments: await manager.query(
          `SELECT x.id, x.assigned_at AS at, x.reason, n.display_name AS name,
                  p.display_name AS previous, b.display_name AS author
             FROM case_manager_assignment x JOIN account n ON n.id = x.account_id
             LEFT JOIN account p ON p.id = x.previous_account_id
             JOIN account b ON b.id = x.assigned_by
            WHERE x.case_id = $1`,
          [caseId],
        ),
      };
      await this.audit.record(
        actor,
        { action: 'read', entity: 'case', entityId: caseId, caseId, personIds: [found.personId] },
        manager,
      );
      return result;
    });
    const items: TimelineItemDto[] = [
      ...read.diary,
      ...(await this.stepItems(read.instances, read.steps)),
      ...read.documents.map((d: { id: string; file_name: string; at: Date; author: string }) => ({
        type: 'document' as const,
        id: d.id,
        at: d.at,
        title: `Documento caricato: ${d.file_name}`,
        author: d.author,
      })),
      ...(await this.decisions.describe(read.decisions)).map((d) => ({
        type: 'decision' as const,
        id: d.id,
        at: d.recordedAt,
        title: `Decisione registrata: ${d.label}`,
        text: [...d.details.map((x) => `${x.label}: ${x.text}`), ...(d.note ? [d.note] : [])].join(
          '\n',
        ),
        author: d.recordedBy,
      })),
      ...read.assignments.map(
        (x: {
          id: string;
          at: Date;
          reason: string | null;
          name: string;
          previous: string | null;
          author: string;
        }) => ({
          type: 'case-manager' as const,
          id: x.id,
          at: x.at,
          title: `Case manager assegnato: ${x.name}`,
          text: [`In precedenza: ${x.previous ?? 'nessuno'}`, ...(x.reason ? [x.reason] : [])].join(
            '\n',
          ),
          author: x.author,
        }),
      ),
    ];
    // Stable: what happened at the same instant keeps the order in which it was read.
    return items.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  }

  private async stepItems(
    instances: readonly CaseInstance[],
    steps: readonly CaseFlowEvent[],
  ): Promise<TimelineItemDto[]> {
    const byKey = new Map(instances.map((i) => [i.key, i]));
    const names = await this.names.ofAll(instances.map((i) => i.definitionKey));
    // A boundary event is activated only as it fires: its completion alone says it happened.
    const told = steps.filter(
      (s) => !(s.elementType === 'BOUNDARY_EVENT' && s.intent === 'ELEMENT_ACTIVATED'),
    );
    return told.map((step) => {
      const instance = byKey.get(step.processInstanceKey)!;
      const started = step.intent === 'ELEMENT_ACTIVATED';
      if (step.elementType === 'PROCESS') {
        return {
          type: 'path' as const,
          at: step.at,
          title: `${started ? 'Percorso avviato' : 'Percorso concluso'}: ${instance.name}`,
        };
      }
      const verb = EVENT_TYPES.has(step.elementType)
        ? started
          ? 'In attesa'
          : 'Avvenuto'
        : started
          ? 'Avviato'
          : 'Concluso';
      const stepName = names.get(instance.definitionKey)!(step.elementId);
      return {
        type: 'path' as const,
        at: step.at,
        title: `${verb}: ${stepName} (${instance.name})`,
      };
    });
  }
}

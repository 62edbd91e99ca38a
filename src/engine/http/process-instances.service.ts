import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { Actor } from '../../auth/actor.decorator';
import { ProcessEngine } from '../engine.port';
import {
  CreatedProcessInstanceDto,
  CreateProcessInstanceDto,
  FlowEventPageDto,
  HistoryQueryDto,
  SetVariablesDto,
  ProcessInstanceDto,
  ProcessInstancePageDto,
  ProcessInstancesQueryDto,
  toFlowEventDto,
  toProcessInstanceDto,
  toProcessInstanceListItemDto,
} from './dto/process-instance.dto';
import { callEngine } from './engine-errors';
import { EngineReadRepository } from './engine-read.repository';

const notFound = () => new NotFoundException('Istanza di processo non trovata.');
const elementNotFound = () =>
  new NotFoundException(
    'Elemento non trovato, oppure già concluso: le variabili non sono impostate.',
  );
const alreadyEnded = () => new ConflictException('L’istanza di processo è già conclusa.');

/** Starts, cancels and shows process instances; where they are comes from their flow events. */
@Injectable()
export class ProcessInstancesService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly read: EngineReadRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateProcessInstanceDto): Promise<CreatedProcessInstanceDto> {
    const { processInstanceKey } = await callEngine(
      () =>
        this.engine.createInstance({
          bpmnProcessId: dto.bpmnProcessId,
          variables: dto.variables,
          businessKey: dto.businessKey,
        }),
      {
        notFound: new NotFoundException(
          'Processo non trovato: nessun modello pubblicato con questo identificativo.',
        ),
      },
    );
    return { processInstanceKey };
  }

  /**
   * An instance of a case carries the case's data in its variables: the administrator sees its
   * structure, state and incidents, and its variables only with a grant from the unit's
   * coordinator (as a manager reads a case file), each such read in the access log.
   */
  async get(actor: Actor, key: string): Promise<ProcessInstanceDto> {
    const detail = await this.read.instanceDetail(key);
    if (!detail) throw notFound();
    const dto = toProcessInstanceDto(detail.instance, detail.elements, detail.incidents);
    const owner = await this.read.caseOf(key);
    if (!owner) return dto;
    if (!(await this.read.granted(owner.caseId, actor.accountId))) {
      return { ...dto, variables: {}, variablesWithheld: true };
    }
    await this.audit.record(actor, {
      action: 'read',
      entity: 'case',
      entityId: owner.caseId,
      caseId: owner.caseId,
      personIds: [owner.personId],
      reason: `Variabili dell'istanza ${key}`,
    });
    return dto;
  }

  /**
   * Zeebe's SetVariables, for an administrator mending what an incident needs. Writing a case's
   * variables is a change to case content: in the access log with the names set (not values).
   */
  async setVariables(
    actor: Actor,
    elementInstanceKey: string,
    dto: SetVariablesDto,
  ): Promise<void> {
    const instance = await this.read.instanceOfElement(elementInstanceKey);
    if (!instance) throw elementNotFound();
    await callEngine(
      () => this.engine.setVariables(elementInstanceKey, dto.variables, dto.local ?? false),
      { notFound: elementNotFound(), conflict: alreadyEnded() },
    );
    const owner = await this.read.caseOf(instance);
    await this.audit.record(actor, {
      action: 'update',
      entity: owner ? 'case' : 'instance',
      entityId: owner?.caseId ?? instance,
      caseId: owner?.caseId ?? null,
      personIds: owner ? [owner.personId] : [],
      reason: `Variabili impostate sull'elemento ${elementInstanceKey} dell'istanza ${instance}: ${Object.keys(dto.variables).join(', ')}`,
    });
  }

  async history(key: string, query: HistoryQueryDto): Promise<FlowEventPageDto> {
    if (!(await this.read.instanceState(key))) throw notFound();
    const { rows, total } = await this.read.flowEvents(key, query);
    return { items: rows.map(toFlowEventDto), total, limit: query.limit, offset: query.offset };
  }

  async list(query: ProcessInstancesQueryDto): Promise<ProcessInstancePageDto> {
    const { rows, total } = await this.read.instances(
      {
        bpmnProcessId: query.bpmnProcessId,
        state: query.state,
        businessKey: query.businessKey,
        unitCode: query.unitCode,
        hasIncident: query.hasIncident,
        startedAfter: query.startedAfter !== undefined ? new Date(query.startedAfter) : undefined,
        startedBefore:
          query.startedBefore !== undefined ? new Date(query.startedBefore) : undefined,
      },
      query,
    );
    return {
      items: rows.map(toProcessInstanceListItemDto),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** 404 for an unknown instance, 409 for one that has already ended (also if it ends meanwhile). */
  async cancel(key: string): Promise<void> {
    const state = await this.read.instanceState(key);
    if (!state) throw notFound();
    if (state !== 'ACTIVE') throw alreadyEnded();
    await callEngine(() => this.engine.cancelInstance(key), {
      notFound: alreadyEnded(),
      conflict: alreadyEnded(),
    });
  }
}

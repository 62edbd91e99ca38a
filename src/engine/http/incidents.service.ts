import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { Actor } from '../../auth/actor.decorator';
import { ProcessEngine } from '../engine.port';
import {
  IncidentPageDto,
  IncidentsQueryDto,
  RetryIncidentDto,
  toIncidentListItemDto,
} from './dto/incident.dto';
import { DefinitionOutlines } from './definition-outlines';
import { callEngine } from './engine-errors';
import { EngineReadRepository } from './engine-read.repository';

const notFound = () => new NotFoundException('Incidente non trovato, oppure già risolto.');

/** Incidents to look into, and their resolution once the cause is fixed (e.g. job retries raised). */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly read: EngineReadRepository,
    private readonly outlines: DefinitionOutlines,
    private readonly audit: AuditService,
  ) {}

  /** Newest first, with the element's name in its model for the diagram. */
  async list(query: IncidentsQueryDto): Promise<IncidentPageDto> {
    const { rows, total } = await this.read.incidents(
      {
        processInstanceKey: query.processInstanceKey,
        state: query.state,
        bpmnProcessId: query.bpmnProcessId,
      },
      query,
    );
    const outlines = await this.outlines.ofEach(rows.map((row) => row.processDefinitionKey));
    return {
      items: rows.map((row) =>
        toIncidentListItemDto(
          row,
          outlines.get(row.processDefinitionKey)?.names.get(row.elementId) ?? null,
        ),
      ),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  resolve(key: string): Promise<void> {
    return callEngine(() => this.engine.resolveIncident(key), {
      notFound: notFound(),
      // Zeebe's rule: a job incident is resolved only once the job has retries again.
      conflict: new ConflictException(
        'L’incidente non può essere risolto ora: il job non ha tentativi rimasti; aumentarli prima (PATCH /api/jobs/:key).',
      ),
    });
  }

  /**
   * The administrator's "Riprova": gives the job its retries back, then
   * resolves the incident (Zeebe's two commands, in that order), so the job
   * is handed out again; an incident without a job is only resolved, which
   * runs the failed step again. Written to the access log as the
   * administrator's action.
   */
  async retry(actor: Actor, key: string, dto: RetryIncidentDto): Promise<void> {
    const incident = await this.read.incident(key);
    if (!incident || incident.state !== 'ACTIVE') throw notFound();
    const retries = dto.retries ?? 1;
    const { jobKey } = incident;
    if (jobKey) {
      await callEngine(() => this.engine.updateJobRetries(jobKey, retries), {
        notFound: notFound(),
      });
    }
    await this.resolve(key);
    const what = jobKey ? `job ${jobKey} con ${retries} tentativi` : 'senza job';
    await this.audit.record(actor, {
      action: 'update',
      entity: 'incident',
      entityId: key,
      reason:
        `Riprova dopo l'incidente ${incident.errorType} su ${incident.elementId} (istanza ${incident.processInstanceKey}${incident.businessKey ? `, pratica ${incident.businessKey}` : ''}): ${what}`.slice(
          0,
          300,
        ),
    });
  }
}

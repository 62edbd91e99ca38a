import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ProcessEngine } from '../engine.port';
import { IncidentPageDto, IncidentsQueryDto, toIncidentDto } from './dto/incident.dto';
import { callEngine } from './engine-errors';
import { EngineReadRepository } from './engine-read.repository';

/** Incidents to look into, and their resolution once the cause is fixed (e.g. job retries raised). */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly read: EngineReadRepository,
  ) {}

  async list(query: IncidentsQueryDto): Promise<IncidentPageDto> {
    const { rows, total } = await this.read.incidents(
      { processInstanceKey: query.processInstanceKey, state: query.state },
      query,
    );
    return { items: rows.map(toIncidentDto), total, limit: query.limit, offset: query.offset };
  }

  resolve(key: string): Promise<void> {
    return callEngine(() => this.engine.resolveIncident(key), {
      notFound: new NotFoundException('Incidente non trovato, oppure già risolto.'),
      // Zeebe's rule: a job incident is resolved only once the job has retries again.
      conflict: new ConflictException(
        'L’incidente non può essere risolto ora: il job non ha tentativi rimasti; aumentarli prima (PATCH /api/jobs/:key).',
      ),
    });
  }
}

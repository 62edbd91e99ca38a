import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { CaseAccess } from './case-access';
import { CaseGrantDto, CreateCaseGrantDto, MAX_GRANT_DAYS } from './dto/case-grant.dto';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A manager reads a case file only when granted: by the unit's coordinator or an administrator,
 * with a reason and an expiry. The coordinator may also grant an administrator the variables of
 * the case's process instances (never the case file itself).
 */
@Injectable()
export class CaseGrantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
  ) {}

  async grant(actor: Actor, caseId: string, dto: CreateCaseGrantDto): Promise<CaseGrantDto> {
    if (actor.role !== Role.Coordinator && actor.role !== Role.Admin) {
      throw new ForbiddenException(
        "Solo il coordinatore dell'unità o un amministratore concedono l'accesso a una cartella.",
      );
    }
    const expiresAt = new Date(dto.expiresAt);
    const now = Date.now();
    if (!(expiresAt.getTime() > now && expiresAt.getTime() <= now + MAX_GRANT_DAYS * DAY_MS)) {
      throw new BadRequestException({
        message: `La scadenza dell'accesso deve essere futura ed entro ${MAX_GRANT_DAYS} giorni.`,
        details: [{ field: 'expiresAt', messages: [`entro ${MAX_GRANT_DAYS} giorni da oggi`] }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const personId = await this.requireGrantable(manager, actor, caseId);
      // A manager reads the case file; an administrator, from the coordinator only, the
      // variables of the case's process instances (to mend an incident, say).
      const grantees = actor.role === Role.Coordinator ? ['manager', 'admin'] : ['manager'];
      const [target] = await manager.query(
        `SELECT username FROM account WHERE id = $1 AND role = ANY($2) AND active`,
        [dto.managerId, grantees],
      );
      if (!target) {
        throw new BadRequestException({
          message:
            actor.role === Role.Coordinator
              ? "L'accesso si concede a un dirigente o a un amministratore."
              : "L'accesso si concede a un dirigente.",
          details: [
            {
              field: 'managerId',
              messages: [
                actor.role === Role.Coordinator
                  ? 'non è un dirigente o un amministratore attivo'
                  : 'non è un dirigente attivo',
              ],
            },
          ],
        });
      }
      const [row] = await manager.query(
        `INSERT INTO case_grant (case_id, manager_id, reason, granted_by, expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id, granted_at AS "grantedAt"`,
        [caseId, dto.managerId, dto.reason, actor.accountId, expiresAt],
      );
      await this.audit.record(
        actor,
        {
          action: 'create',
          entity: 'grant',
          entityId: row.id,
          caseId,
          personIds: [personId],
          reason: dto.reason.slice(0, 300),
        },
        manager,
      );
      return {
        id: row.id,
        caseId,
        manager: target.username,
        reason: dto.reason,
        grantedBy: actor.username,
        grantedAt: row.grantedAt,
        expiresAt,
      };
    });
  }

  /** The unit's coordinator through the usual case rule; an administrator for any case. */
  private async requireGrantable(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
  ): Promise<string> {
    if (actor.role === Role.Coordinator) {
      return (await this.access.requireToChange(manager, actor, caseId)).personId;
    }
    const [found] = await manager.query(`SELECT person_id FROM social_case WHERE id = $1`, [
      caseId,
    ]);
    if (!found) throw new NotFoundException('Cartella non trovata.');
    return found.person_id;
  }
}

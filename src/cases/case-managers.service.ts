import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { ProcessEngine } from '../engine/engine.port';
import { NotificationKind } from '../notifications/notification-kind';
import { NotificationsService } from '../notifications/notifications.service';
import { CaseAccess } from './case-access';
import { caseInstances } from './case-instances';
import { EngineReadModel } from '../engine/read-model/engine-read-model';
import { CasesService } from './cases.service';
import { CaseDetailDto } from './dto/case.dto';
import { AssignCaseManagerDto } from './dto/case-manager.dto';

/** The unit's coordinator (re)assigns a case's manager: recorded, logged and told to the new one. */
@Injectable()
export class CaseManagersService {
  private readonly logger = new Logger(CaseManagersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly engineReads: EngineReadModel,
    private readonly engine: ProcessEngine,
    private readonly notifications: NotificationsService,
  ) {}

  async assign(actor: Actor, caseId: string, dto: AssignCaseManagerDto): Promise<CaseDetailDto> {
    if (actor.role !== Role.Coordinator) {
      throw new ForbiddenException("Solo il coordinatore dell'unità assegna il case manager.");
    }
    const assigned = await this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireToChange(manager, actor, caseId);
      const [current] = await manager.query(
        `SELECT case_manager_id FROM social_case WHERE id = $1 FOR UPDATE`,
        [caseId],
      );
      const [account] = await manager.query(
        `SELECT id, username, display_name FROM account
          WHERE id = $1 AND active AND unit_code = $2 AND role IN ('caseworker', 'coordinator')`,
        [dto.accountId, found.unitCode],
      );
      if (!account) {
        throw new BadRequestException({
          message: `Il case manager deve essere un assistente sociale o un coordinatore attivo dell'unità ${found.unitCode}.`,
          details: [{ field: 'accountId', messages: ["non è un operatore attivo dell'unità"] }],
        });
      }
      if (current.case_manager_id === account.id) {
        throw new ConflictException(
          `${account.display_name} è già il case manager di questa cartella.`,
        );
      }
      await manager.query(`UPDATE social_case SET case_manager_id = $2 WHERE id = $1`, [
        caseId,
        account.id,
      ]);
      await manager.query(
        `INSERT INTO case_manager_assignment (case_id, account_id, previous_account_id, reason, assigned_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [caseId, account.id, current.case_manager_id, dto.reason ?? null, actor.accountId],
      );
      await this.audit.record(
        actor,
        {
          action: 'update',
          entity: 'case',
          entityId: caseId,
          caseId,
          personIds: [found.personId],
          reason: dto.reason?.slice(0, 300) ?? null,
        },
        manager,
      );
      // No personal data by e-mail: the case number and the link find the case.
      await this.notifications.notify(
        [account.id],
        {
          kind: NotificationKind.CaseAssigned,
          subject: `Cartella assegnata: ${found.caseNumber}`,
          body: `Il coordinatore le ha affidato la cartella ${found.caseNumber} come case manager.`,
          link: `/casi/${found.caseNumber}`,
          caseNumber: found.caseNumber,
        },
        { manager },
      );
      const running = (await caseInstances(this.engineReads, manager, caseId)).filter(
        (i) => i.state === 'ACTIVE',
      );
      return { username: account.username as string, running: running.map((i) => i.key) };
    });
    // The paths' next tasks go to the new manager (`assignee="=caseManager"`). After the commit:
    // the engine writes in its own transaction; the case file stays right if this fails.
    for (const key of assigned.running) {
      await this.engine
        .setVariables(key, { caseManager: assigned.username, caseManagerId: dto.accountId })
        .catch((error: unknown) =>
          this.logger.warn(
            `case manager of instance ${key} not updated: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
    return this.cases.get(actor, caseId);
  }
}

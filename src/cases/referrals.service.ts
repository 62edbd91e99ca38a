import { ForbiddenException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { EngineReadModel } from '../engine/read-model/engine-read-model';
import { ProcessEngine } from '../engine/engine.port';
import {
  CreateReferralDto,
  ReferralDetailDto,
  ReferralDto,
  ReferralPageDto,
  ReferralQueryDto,
  ReferralSummaryDto,
} from './dto/referral.dto';
import { ReferralChannel, Urgency } from './entities/referral.entity';
import { START_LEASE } from './case-paths.service';
import { nextRegisterNumber } from './register-number';

/** The BPMN process id of the Segretariato Sociale intake (bpmn/paths/segretariato-intake.bpmn). */
export const INTAKE_PROCESS_ID = 'segretariato-intake';

const RECEIVERS: ReadonlySet<Role> = new Set([Role.FrontOffice, Role.Caseworker, Role.Coordinator]);
const NOT_FOUND = 'Segnalazione non trovata.';

/** A referral with what its list and page show; `$1` is always the caller's unit. */
const REFERRAL_COLUMNS = `r.id, r.referral_number AS "referralNumber", r.received_at AS "receivedAt",
  r.channel, r.sender_name AS "senderName", r.urgency, r.status, r.outcome,
  r.person_id AS "personId", CASE WHEN p.id IS NULL THEN NULL ELSE p.surname || ' ' || p.name END AS "personName",
  r.subject_description AS "subjectDescription", r.case_id AS "caseId", c.case_number AS "caseNumber",
  (SELECT count(*)::int FROM case_document d WHERE d.referral_id = r.id) AS "documentsCount",
  a.display_name AS "createdByName"`;
const REFERRAL_JOINS = `FROM referral r
  LEFT JOIN person p ON p.id = r.person_id
  LEFT JOIN social_case c ON c.id = r.case_id
  LEFT JOIN account a ON a.id = r.created_by`;

/** Referrals (segnalazioni) and spontaneous requests: registered, then taken through the intake path. */
@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: ProcessEngine,
    private readonly readModel: EngineReadModel,
    private readonly audit: AuditService,
  ) {}

  async receive(actor: Actor, dto: CreateReferralDto): Promise<ReferralDto> {
    if (!RECEIVERS.has(actor.role) || !actor.unitCode) {
      throw new ForbiddenException(
        'Le segnalazioni sono registrate dal personale di una unità territoriale.',
      );
    }
    const unitCode = actor.unitCode;
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : new Date();
    const referral = await this.dataSource.transaction(async (manager) => {
      const number = await nextRegisterNumber(manager, 'SEG', unitCode, receivedAt.getFullYear());
      // Born claimed: this request starts the intake after the commit, no retry pass meanwhile.
      const [row] = await manager.query(
        `INSERT INTO referral (referral_number, unit_code, received_at, channel, sender_name, urgency, person_id,
                               subject_description, request_text, status, created_by, intake_claimed_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', $10, now() + ${START_LEASE}) RETURNING id`,
        [
          number,
          unitCode,
          receivedAt,
          dto.channel,
          dto.senderName ?? null,
          dto.urgency,
          dto.personId ?? null,
          dto.subjectDescription ?? null,
          dto.requestText,
          actor.accountId,
        ],
      );
      await this.audit.record(
        actor,
        {
          action: 'create',
          entity: 'referral',
          entityId: row.id,
          personIds: dto.personId ? [dto.personId] : [],
        },
        manager,
      );
      return { id: row.id as string, number };
    });
    // After the commit: the referral is kept even if the engine cannot start the intake now
    // (retryPendingIntakes starts it later).
    const processInstanceKey = await this.startIntake({
      id: referral.id,
      number: referral.number,
      unitCode,
      urgency: dto.urgency,
      channel: dto.channel,
    }).catch((error: unknown) => {
      this.logger.error(
        `intake of referral ${referral.id} not started: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    });
    return {
      id: referral.id,
      referralNumber: referral.number,
      unitCode,
      receivedAt,
      channel: dto.channel,
      urgency: dto.urgency,
      status: 'received',
      processInstanceKey,
      caseId: null,
    };
  }

  /** The unit's referrals, newest first: the sportello follows what became of them. */
  async list(actor: Actor, query: ReferralQueryDto): Promise<ReferralPageDto> {
    const unitCode = this.requireReceiver(actor);
    const values: unknown[] = [unitCode];
    const where = ['r.unit_code = $1'];
    if (query.status) where.push(`r.status = $${values.push(query.status)}`);
    const filter = where.join(' AND ');
    const items: ReferralSummaryDto[] = await this.dataSource.query(
      `SELECT ${REFERRAL_COLUMNS} ${REFERRAL_JOINS} WHERE ${filter}
        ORDER BY r.received_at DESC, r.referral_number DESC
        LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, query.limit, query.offset],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM referral r WHERE ${filter}`,
      values,
    );
    const personIds = [...new Set(items.map((r) => r.personId).filter((p): p is string => !!p))];
    if (personIds.length > 0)
      await this.audit.record(actor, {
        action: 'search',
        entity: 'referral',
        personIds,
        reason: 'Elenco delle segnalazioni',
      });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** One referral of the caller's unit, with the request as it was expressed. */
  async get(actor: Actor, id: string): Promise<ReferralDetailDto> {
    const unitCode = this.requireReceiver(actor);
    const [referral]: ReferralDetailDto[] = await this.dataSource.query(
      `SELECT ${REFERRAL_COLUMNS}, r.request_text AS "requestText",
              r.process_instance_key::text AS "processInstanceKey"
         ${REFERRAL_JOINS} WHERE r.unit_code = $1 AND r.id = $2`,
      [unitCode, id],
    );
    if (!referral) throw new NotFoundException(NOT_FOUND);
    await this.audit.record(actor, {
      action: 'read',
      entity: 'referral',
      entityId: referral.id,
      personIds: referral.personId ? [referral.personId] : [],
    });
    return referral;
  }

  private requireReceiver(actor: Actor): string {
    if (!RECEIVERS.has(actor.role) || !actor.unitCode)
      throw new ForbiddenException(
        'Le segnalazioni sono consultate dal personale dell’unità territoriale che le ha ricevute.',
      );
    return actor.unitCode;
  }

  /** Starts the intakes that could not start when their referral arrived (engine down, model missing). */
  async retryPendingIntakes(): Promise<number> {
    // Claimed first: replicas passing at the same moment would otherwise both find no intake
    // under the referral's number and start it twice.
    const pending: Array<{
      id: string;
      number: string;
      unitCode: string;
      urgency: Urgency;
      channel: ReferralChannel;
    }> = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE referral SET intake_claimed_until = now() + ${START_LEASE}
          WHERE id IN (
            SELECT id FROM referral
             WHERE process_instance_key IS NULL AND status = 'received'
               AND (intake_claimed_until IS NULL OR intake_claimed_until < now())
             ORDER BY created_at LIMIT 20 FOR UPDATE SKIP LOCKED)
         RETURNING id, referral_number, unit_code, urgency, channel, created_at)
       SELECT id, referral_number AS number, unit_code AS "unitCode", urgency, channel
         FROM claimed ORDER BY created_at`,
    );
    let started = 0;
    for (const referral of pending) {
      await this.startIntake(referral)
        .then(() => started++)
        .catch((error: unknown) =>
          this.logger.warn(
            `intake of referral ${referral.id} still not started: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
    return started;
  }

  /**
   * Once per referral, by the holder of its claim: an intake already started under its number
   * (before a crash) is reused. A failure gives the claim back for the next pass.
   */
  private async startIntake(referral: {
    id: string;
    number: string;
    unitCode: string;
    urgency: Urgency;
    channel: ReferralChannel;
  }): Promise<string> {
    try {
      const existing = await this.readModel.instanceByBusinessKey(
        referral.number,
        INTAKE_PROCESS_ID,
      );
      const processInstanceKey: string =
        existing ??
        (
          await this.engine.createInstance({
            bpmnProcessId: INTAKE_PROCESS_ID,
            businessKey: referral.number,
            // Only references travel in the process: the request's text stays in the referral.
            variables: {
              referralId: referral.id,
              referralNumber: referral.number,
              unitCode: referral.unitCode,
              urgency: referral.urgency,
              channel: referral.channel,
            },
          })
        ).processInstanceKey;
      await this.dataSource.query(`UPDATE referral SET process_instance_key = $2 WHERE id = $1`, [
        referral.id,
        processInstanceKey,
      ]);
      return processInstanceKey;
    } catch (error) {
      await this.dataSource.query(`UPDATE referral SET intake_claimed_until = NULL WHERE id = $1`, [
        referral.id,
      ]);
      throw error;
    }
  }
}

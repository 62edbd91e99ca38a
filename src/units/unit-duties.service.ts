import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { nextRegisterNumber } from '../cases/register-number';
import { ProcessEngine } from '../engine/engine.port';
import { EngineReadModel } from '../engine/read-model/engine-read-model';
import { StartUnitDutyDto, UnitDutyDto } from './dto/unit-duty.dto';
import { UNIT_DUTY_PROCESS_IDS, UnitDuty } from './duties/unit-duties';
import { requireOwnUnit } from './unit-access';
import { unitStaffOptions } from './unit-staff-options';

const START_FORBIDDEN = "Avvia le attività dell'unità il coordinatore.";
const LIST_FORBIDDEN = "Il proprio ruolo non consente di consultare le attività dell'unità.";

interface DutyRow {
  id: string;
  dutyNumber: string;
  duty: UnitDuty;
  title: string;
  startedAt: Date;
  startedBy: string | null;
  processInstanceKey: string;
}

/**
 * The unit's duties that are not a person's case (the territorial network, funded projects,
 * students' placements): started by the coordinator as processes numbered in the ATT register,
 * whose tasks reach the unit's tasklist through that number.
 */
@Injectable()
export class UnitDutiesService {
  private readonly logger = new Logger(UnitDutiesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: ProcessEngine,
    private readonly readModel: EngineReadModel,
    private readonly audit: AuditService,
  ) {}

  async start(actor: Actor, unitCode: string, dto: StartUnitDutyDto): Promise<UnitDutyDto> {
    requireOwnUnit(actor, unitCode, [Role.Coordinator], START_FORBIDDEN);
    const bpmnProcessId = UNIT_DUTY_PROCESS_IDS[dto.duty];
    const { id, dutyNumber } = await this.dataSource.transaction(async (manager) => {
      const number = await nextRegisterNumber(manager, 'ATT', unitCode, new Date().getFullYear());
      const [row] = await manager.query(
        `INSERT INTO unit_duty (duty_number, unit_code, duty, title, started_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [number, unitCode, dto.duty, dto.title, actor.accountId],
      );
      await this.audit.record(
        actor,
        {
          action: 'create',
          entity: 'instance',
          entityId: number,
          reason: `Avvio di ${bpmnProcessId}: ${dto.title}`.slice(0, 300),
        },
        manager,
      );
      return { id: row.id as string, dutyNumber: number };
    });
    // The engine commits on its own; should it fail, the duty is not left half started.
    try {
      const { processInstanceKey } = await this.engine.createInstance({
        bpmnProcessId,
        businessKey: dutyNumber,
        variables: {
          unitCode,
          dutyNumber,
          dutyTitle: dto.title,
          coordinator: actor.username,
          staffOptions: await unitStaffOptions(this.dataSource, unitCode, 'username'),
        },
      });
      await this.dataSource.query(`UPDATE unit_duty SET process_instance_key = $2 WHERE id = $1`, [
        id,
        processInstanceKey,
      ]);
    } catch (error) {
      this.logger.warn(`duty ${dutyNumber} not started: ${String(error)}`);
      await this.dataSource.query(`DELETE FROM unit_duty WHERE id = $1`, [id]);
      throw new ServiceUnavailableException(
        "Non è stato possibile avviare l'attività: il motore dei processi non risponde. Riprovare tra poco.",
      );
    }
    const [started] = await this.rows(unitCode, id);
    return started;
  }

  /** The unit's duties, newest first: its coordinators and caseworkers. */
  async list(principal: Principal, unitCode: string): Promise<UnitDutyDto[]> {
    requireOwnUnit(principal, unitCode, [Role.Coordinator, Role.Caseworker], LIST_FORBIDDEN);
    return this.rows(unitCode);
  }

  private async rows(unitCode: string, id?: string): Promise<UnitDutyDto[]> {
    const rows: DutyRow[] = await this.dataSource.query(
      `SELECT d.id, d.duty_number AS "dutyNumber", d.duty, d.title, d.started_at AS "startedAt",
              a.display_name AS "startedBy", d.process_instance_key::text AS "processInstanceKey"
         FROM unit_duty d LEFT JOIN account a ON a.id = d.started_by
        WHERE d.unit_code = $1 AND d.process_instance_key IS NOT NULL AND ($2::uuid IS NULL OR d.id = $2)
        ORDER BY d.started_at DESC, d.duty_number DESC`,
      [unitCode, id ?? null],
    );
    const instances = await this.readModel.instanceTrees(
      this.dataSource.manager,
      rows.map((r) => r.processInstanceKey),
    );
    return rows.map(({ processInstanceKey, ...row }) => {
      const instance = instances.find((i) => i.key === processInstanceKey);
      return { ...row, name: instance?.name ?? row.title, state: instance?.state ?? 'ACTIVE' };
    });
  }
}

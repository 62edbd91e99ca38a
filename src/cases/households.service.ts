import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { CreateHouseholdDto, HouseholdDto } from './dto/household.dto';

/** Households (nuclei familiari): registered by the front office or a caseworker of the unit. */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async register(actor: Actor, dto: CreateHouseholdDto): Promise<HouseholdDto> {
    if (
      ![Role.FrontOffice, Role.Caseworker, Role.Coordinator].includes(actor.role) ||
      !actor.unitCode
    ) {
      throw new ForbiddenException('Il proprio ruolo non consente di registrare nuclei familiari.');
    }
    // The front office may place a household in another unit (the address decides); the unit must exist.
    const unitCode = dto.unitCode ?? actor.unitCode;
    const personIds = dto.members.map((m) => m.personId);
    if (new Set(personIds).size !== personIds.length) {
      throw new BadRequestException({
        message: 'Una persona compare due volte nel nucleo.',
        details: [{ field: 'members', messages: ['persona ripetuta'] }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const units = await manager.query(`SELECT 1 FROM territorial_unit WHERE code = $1`, [
        unitCode,
      ]);
      if (units.length === 0)
        throw new BadRequestException({
          message: 'Unità territoriale inesistente.',
          details: [{ field: 'unitCode', messages: ['valore non ammesso'] }],
        });
      const known = await manager.query(`SELECT id FROM person WHERE id = ANY($1::uuid[])`, [
        personIds,
      ]);
      if (known.length !== personIds.length) {
        throw new BadRequestException({
          message: 'Una o più persone del nucleo non sono registrate.',
          details: [{ field: 'members', messages: ['persona non registrata'] }],
        });
      }
      const [{ id }] = await manager.query(
        `INSERT INTO household (address, unit_code, created_by) VALUES ($1, $2, $3) RETURNING id`,
        [dto.address, unitCode, actor.accountId],
      );
      for (const member of dto.members) {
        await manager.query(
          `INSERT INTO household_member (household_id, person_id, relationship) VALUES ($1, $2, $3)`,
          [id, member.personId, member.relationship],
        );
      }
      await this.audit.record(
        actor,
        { action: 'create', entity: 'person', entityId: id, personIds },
        manager,
      );
      return {
        id,
        address: dto.address,
        unitCode,
        members: dto.members.map(({ personId, relationship }) => ({ personId, relationship })),
      };
    });
  }
}

import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import {
  AddHouseholdMemberDto,
  CreateHouseholdDto,
  HouseholdDetailDto,
  HouseholdDto,
} from './dto/household.dto';
import { PersonDto } from './dto/person.dto';

const MAX_MEMBERS = 30;
const NOT_FOUND = 'Nucleo familiare non trovato.';

/**
 * Households (nuclei familiari): registered by the front office or a caseworker of the unit;
 * read and extended only within the household's unit (another unit's answers 404).
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async register(actor: Actor, dto: CreateHouseholdDto): Promise<HouseholdDto> {
    const actorUnit = this.requireDesk(actor);
    // The front office may place a household in another unit (the address decides); the unit must exist.
    const unitCode = dto.unitCode ?? actorUnit;
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

  async get(actor: Actor, householdId: string): Promise<HouseholdDetailDto> {
    const unitCode = this.requireDesk(actor);
    return this.dataSource.transaction(async (manager) => {
      const household = await this.detailIn(manager, householdId, unitCode);
      if (!household) throw new NotFoundException(NOT_FOUND);
      await this.audit.record(
        actor,
        {
          action: 'read',
          entity: 'person',
          entityId: householdId,
          personIds: household.members.map((m) => m.person.id),
        },
        manager,
      );
      return household;
    });
  }

  async addMember(
    actor: Actor,
    householdId: string,
    dto: AddHouseholdMemberDto,
  ): Promise<HouseholdDetailDto> {
    const unitCode = this.requireDesk(actor);
    return this.dataSource.transaction(async (manager) => {
      // Locked: two people added at once are counted against the limit one after the other.
      const [household] = await manager.query(
        `SELECT id FROM household WHERE id = $1 AND unit_code = $2 FOR UPDATE`,
        [householdId, unitCode],
      );
      if (!household) throw new NotFoundException(NOT_FOUND);
      const [person] = await manager.query(`SELECT 1 FROM person WHERE id = $1`, [dto.personId]);
      if (!person) {
        throw new BadRequestException({
          message: 'Persona non trovata: registrarla prima di aggiungerla al nucleo.',
          details: [{ field: 'personId', messages: ['persona non registrata'] }],
        });
      }
      const members: Array<{ person_id: string }> = await manager.query(
        `SELECT person_id FROM household_member WHERE household_id = $1`,
        [householdId],
      );
      if (members.some((m) => m.person_id === dto.personId)) {
        throw new ConflictException('La persona fa già parte del nucleo familiare.');
      }
      if (members.length >= MAX_MEMBERS) {
        throw new BadRequestException({
          message: `Un nucleo familiare ha al massimo ${MAX_MEMBERS} componenti.`,
          details: [{ field: 'personId', messages: ['nucleo completo'] }],
        });
      }
      await manager.query(
        `INSERT INTO household_member (household_id, person_id, relationship) VALUES ($1, $2, $3)`,
        [householdId, dto.personId, dto.relationship],
      );
      await this.audit.record(
        actor,
        { action: 'update', entity: 'person', entityId: householdId, personIds: [dto.personId] },
        manager,
      );
      return (await this.detailIn(manager, householdId, unitCode))!;
    });
  }

  /** The household with its members (eldest first), if it belongs to `unitCode` (any unit when omitted). */
  async detailIn(
    manager: EntityManager,
    householdId: string,
    unitCode?: string,
  ): Promise<HouseholdDetailDto | null> {
    const [household] = await manager.query(
      `SELECT id, address, unit_code AS "unitCode" FROM household
        WHERE id = $1 AND ($2::varchar IS NULL OR unit_code = $2)`,
      [householdId, unitCode ?? null],
    );
    if (!household) return null;
    const members = await manager.query(
      `SELECT hm.relationship, p.id, p.tax_code AS "taxCode", p.surname, p.name,
              to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.sex
         FROM household_member hm JOIN person p ON p.id = hm.person_id
        WHERE hm.household_id = $1 ORDER BY p.birth_date NULLS LAST, p.surname, p.name`,
      [householdId],
    );
    return {
      ...household,
      members: members.map((m: PersonDto & { relationship: string }) => {
        const { relationship, ...person } = m;
        return { relationship, person };
      }),
    };
  }

  /** The front office and the unit's social workers; returns the caller's unit. */
  private requireDesk(actor: Actor): string {
    if (
      ![Role.FrontOffice, Role.Caseworker, Role.Coordinator].includes(actor.role) ||
      !actor.unitCode
    ) {
      throw new ForbiddenException('Il proprio ruolo non consente di gestire i nuclei familiari.');
    }
    return actor.unitCode;
  }
}

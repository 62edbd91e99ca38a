import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { CaseAccess } from './case-access';
import {
  CreatePersonDto,
  PersonDetailDto,
  PersonDto,
  PersonQueryDto,
  toPersonDto,
} from './dto/person.dto';
import { Person } from './entities/person.entity';

const REGISTRARS: ReadonlySet<Role> = new Set([
  Role.FrontOffice,
  Role.Caseworker,
  Role.Coordinator,
]);

/** The registry of persons: the front office registers and finds them; what they hold is in cases. */
@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: CaseAccess,
  ) {}

  async register(actor: Actor, dto: CreatePersonDto): Promise<PersonDto> {
    this.requireRegistrar(actor);
    return this.dataSource.transaction(async (manager) => {
      if (dto.taxCode) {
        const [existing] = await manager.query(`SELECT id FROM person WHERE tax_code = $1`, [
          dto.taxCode,
        ]);
        if (existing) {
          throw new ConflictException({
            message: 'Persona già registrata con questo codice fiscale.',
            details: { personId: existing.id },
          });
        }
      }
      const person = await manager
        .getRepository(Person)
        .save({ ...dto, createdBy: actor.accountId });
      await this.audit.record(
        actor,
        { action: 'create', entity: 'person', entityId: person.id, personIds: [person.id] },
        manager,
      );
      return toPersonDto(person);
    });
  }

  /**
   * By exact tax code, or by name: every word typed (at least 2 characters in all) must begin
   * the surname or the name or one of their words, whatever the case and the order
   * («rossi maria», «Maria Rossi», «de luca»). At most 20, so the registry cannot be listed.
   */
  async find(actor: Actor, query: PersonQueryDto): Promise<PersonDto[]> {
    this.requireRegistrar(actor);
    const builder = this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .orderBy('p.surname')
      .addOrderBy('p.name')
      .limit(20);
    const words = (query.name ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (query.taxCode) builder.where('p.tax_code = :taxCode', { taxCode: query.taxCode });
    else if (words.join('').length >= 2) {
      words.slice(0, 4).forEach((word, i) => {
        const starts = `${escapeLike(word)}%`;
        const inside = `% ${escapeLike(word)}%`;
        builder.andWhere(
          `(lower(p.surname) LIKE :s${i} ESCAPE '\\' OR lower(p.name) LIKE :s${i} ESCAPE '\\'
            OR lower(p.surname) LIKE :w${i} ESCAPE '\\' OR lower(p.name) LIKE :w${i} ESCAPE '\\')`,
          { [`s${i}`]: starts, [`w${i}`]: inside },
        );
      });
    } else return [];
    const people = await builder.getMany();
    // An empty search is logged too: looking for someone is itself worth knowing.
    await this.audit.record(actor, {
      action: 'search',
      entity: 'person',
      personIds: people.map((p) => p.id),
      reason: query.taxCode ? 'Ricerca per codice fiscale' : 'Ricerca per nome',
    });
    return people.map(toPersonDto);
  }

  async get(actor: Actor, personId: string): Promise<PersonDetailDto> {
    this.requireRegistrar(actor);
    return this.dataSource.transaction(async (manager) => {
      const person = await manager.getRepository(Person).findOneBy({ id: personId });
      if (!person) throw new NotFoundException('Persona non trovata.');
      const households = await manager.query(
        `SELECT h.id, h.address, h.unit_code AS "unitCode", hm.relationship
           FROM household_member hm JOIN household h ON h.id = hm.household_id
          WHERE hm.person_id = $1 AND h.unit_code = $2 ORDER BY h.created_at`,
        [personId, actor.unitCode],
      );
      const params: unknown[] = [personId];
      // The front office reads no case file: visibleTo is false for it.
      const cases = await manager.query(
        `SELECT c.id, c.case_number AS "caseNumber", c.unit_code AS "unitCode", c.status
           FROM social_case c WHERE c.person_id = $1 AND ${this.access.visibleTo(actor, params)}
          ORDER BY c.opened_at DESC`,
        params,
      );
      await this.audit.record(
        actor,
        { action: 'read', entity: 'person', entityId: personId, personIds: [personId] },
        manager,
      );
      const { birthPlace, citizenship, phone, email } = person;
      return {
        ...toPersonDto(person),
        birthPlace,
        citizenship,
        phone,
        email,
        households,
        cases,
      };
    });
  }

  private requireRegistrar(actor: Actor): void {
    if (!REGISTRARS.has(actor.role))
      throw new ForbiddenException(
        'Il proprio ruolo non consente di registrare o cercare persone.',
      );
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

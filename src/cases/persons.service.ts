import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';
import { CreatePersonDto, PersonDto, toPersonDto } from './dto/person.dto';
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

  /** By exact tax code or by the start of surname (and name); at most 20, so the registry cannot be listed. */
  async find(actor: Actor, query: { taxCode?: string; name?: string }): Promise<PersonDto[]> {
    this.requireRegistrar(actor);
    const builder = this.dataSource
      .getRepository(Person)
      .createQueryBuilder('p')
      .orderBy('p.surname')
      .addOrderBy('p.name')
      .limit(20);
    if (query.taxCode)
      builder.where('p.tax_code = :taxCode', { taxCode: query.taxCode.trim().toUpperCase() });
    else if (query.name && query.name.trim().length >= 2) {
      const [surname, name] = query.name.trim().toLowerCase().split(/\s+/);
      builder.where(`lower(p.surname) LIKE :surname ESCAPE '\\'`, {
        surname: `${escapeLike(surname)}%`,
      });
      if (name)
        builder.andWhere(`lower(p.name) LIKE :name ESCAPE '\\'`, { name: `${escapeLike(name)}%` });
    } else return [];
    const people = await builder.getMany();
    if (people.length > 0)
      await this.audit.record(actor, {
        action: 'search',
        entity: 'person',
        personIds: people.map((p) => p.id),
      });
    return people.map(toPersonDto);
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

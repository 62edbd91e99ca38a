import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../auth/actor.decorator';
import { AccessLogEntry, AuditAction, AuditEntity } from './access-log.entity';

/** Who acts: a signed-in person, the system (a job worker), or someone not signed in (a login). */
export type AuditActor = Pick<Actor, 'username' | 'unitCode' | 'address' | 'requestId'> & {
  accountId: string | null;
  role: Actor['role'] | 'system' | 'anonymous';
};

/** The system as an actor, for what job workers do on a path's behalf. */
export function systemActor(unitCode: string | null): AuditActor {
  return {
    accountId: null,
    username: 'sistema',
    role: 'system',
    unitCode,
    address: null,
    requestId: null,
  };
}

export interface AuditRecord {
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | null;
  caseId?: string | null;
  personIds?: string[];
  reason?: string | null;
}

/** Writes the access log: in the caller's transaction when given, so a rolled-back change logs nothing. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AccessLogEntry) private readonly log: Repository<AccessLogEntry>) {}

  async record(actor: AuditActor, record: AuditRecord, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AccessLogEntry) : this.log;
    await repository.insert({
      at: new Date(),
      accountId: actor.accountId,
      username: actor.username,
      role: actor.role,
      unitCode: actor.unitCode,
      action: record.action,
      entity: record.entity,
      entityId: record.entityId ?? null,
      caseId: record.caseId ?? null,
      personIds: record.personIds ?? [],
      reason: record.reason ?? null,
      address: actor.address,
      requestId: actor.requestId,
    });
  }
}

import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor.decorator';
import { Role } from '../auth/role';

export interface AccessibleCase {
  id: string;
  caseNumber: string;
  unitCode: string;
  personId: string;
  caseManagerId: string | null;
}

const NOT_FOUND = 'Cartella non trovata.';

/**
 * Who may open a case file: a coordinator every case of their unit; a
 * caseworker the cases of their unit they manage or hold a task on; a manager
 * (dirigente) a case an unexpired grant names them for, to read only. Others
 * never (front office, administrator). A case the caller may not see answers
 * 404, so case ids cannot be probed.
 */
@Injectable()
export class CaseAccess {
  async require(manager: EntityManager, actor: Actor, caseId: string): Promise<AccessibleCase> {
    if (
      actor.role !== Role.Caseworker &&
      actor.role !== Role.Coordinator &&
      actor.role !== Role.Manager
    ) {
      throw new ForbiddenException(
        'Il proprio ruolo non consente di consultare le cartelle sociali.',
      );
    }
    const params: unknown[] = [caseId];
    const [found] = await manager.query(
      `SELECT c.id, c.case_number AS "caseNumber", c.unit_code AS "unitCode", c.person_id AS "personId",
              c.case_manager_id AS "caseManagerId"
         FROM social_case c
        WHERE c.id = $1 AND ${this.visibleTo(actor, params)}`,
      params,
    );
    if (!found) throw new NotFoundException(NOT_FOUND);
    return found as AccessibleCase;
  }

  /** As require, for a change: a manager's grant is for reading only. */
  async requireToChange(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
  ): Promise<AccessibleCase> {
    const found = await this.require(manager, actor, caseId);
    if (actor.role === Role.Manager) {
      throw new ForbiddenException('Il dirigente può consultare la cartella, non modificarla.');
    }
    return found;
  }

  /**
   * As requireToChange, for what only the people answering for the case write (the diary,
   * an outside decision): its case manager and the unit's coordinator, not a colleague who
   * only holds one of its tasks.
   */
  async requireCaseHolder(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
    refusal: string,
  ): Promise<AccessibleCase> {
    const found = await this.requireToChange(manager, actor, caseId);
    if (actor.role !== Role.Coordinator && found.caseManagerId !== actor.accountId) {
      throw new ForbiddenException(refusal);
    }
    return found;
  }

  /** The same rule as SQL over `c` (social_case), for lists and searches; appends its values to `params`. */
  visibleTo(actor: Actor, params: unknown[]): string {
    const add = (value: unknown) => `$${params.push(value)}`;
    if (actor.role === Role.Coordinator) return `c.unit_code = ${add(actor.unitCode)}`;
    if (actor.role === Role.Caseworker) {
      const unit = add(actor.unitCode);
      const account = add(actor.accountId);
      const username = add(actor.username);
      return `c.unit_code = ${unit} AND (c.case_manager_id = ${account} OR EXISTS (
        SELECT 1 FROM task t WHERE t.case_number = c.case_number AND t.assignee = ${username} AND t.state = 'CREATED'))`;
    }
    if (actor.role === Role.Manager) {
      return `EXISTS (SELECT 1 FROM case_grant g
        WHERE g.case_id = c.id AND g.manager_id = ${add(actor.accountId)} AND g.expires_at > now())`;
    }
    return 'false';
  }
}

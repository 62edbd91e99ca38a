/** The roles of the service (modelled on the ministry's GePI platform roles). */
export enum Role {
  /** Operatore di sportello: registers contacts, persons and referrals. */
  FrontOffice = 'front-office',
  /** Assistente sociale: case manager of the unit's cases they work on. */
  Caseworker = 'caseworker',
  /** Coordinatore di unità: the whole unit, assignments, escalations. */
  Coordinator = 'coordinator',
  /** Dirigente: figures across all units. */
  Manager = 'manager',
  /** Amministratore: models, forms, accounts, incidents. */
  Admin = 'admin',
  /**
   * A program that works the models' automated steps over the jobs API. Jobs carry case data,
   * so it is an account of its own (each activation in the access log), not the administrator.
   */
  Worker = 'worker',
}

/** Roles that work inside one territorial unit and so must have one. */
export const UNIT_ROLES: ReadonlySet<Role> = new Set([
  Role.FrontOffice,
  Role.Caseworker,
  Role.Coordinator,
]);

export const ROLE_LABELS: Record<Role, string> = {
  [Role.FrontOffice]: 'Operatore di sportello',
  [Role.Caseworker]: 'Assistente sociale',
  [Role.Coordinator]: 'Coordinatore di unità',
  [Role.Manager]: 'Dirigente',
  [Role.Admin]: 'Amministratore',
  [Role.Worker]: 'Programma esterno (worker)',
};

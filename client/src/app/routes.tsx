import { ComponentType, lazy, LazyExoticComponent } from 'react';
import { Role } from '../session/session';

export interface ScreenRoute {
  /** wouter pattern, e.g. `/attivita/:id`. */
  path: string;
  roles: readonly Role[];
  screen: LazyExoticComponent<ComponentType<{ params: Record<string, string | undefined> }>>;
}

export interface NavEntry {
  href: string;
  label: string;
  roles: readonly Role[];
}

const SOCIAL: readonly Role[] = ['caseworker', 'coordinator'];
/** Who registers persons, households and referrals (src/cases): the desk and the social workers. */
const DESK: readonly Role[] = ['front-office', ...SOCIAL];
const screen = <
  T extends Record<string, ComponentType<{ params: Record<string, string | undefined> }>>,
>(
  load: () => Promise<T>,
  name: keyof T,
) => lazy(async () => ({ default: (await load())[name] }));

/**
 * Every screen, for the roles that may open it (the API checks again). Each is loaded when first
 * opened: the sign-in does not wait for the modeler or form-js.
 */
export const ROUTES: ScreenRoute[] = [
  {
    path: '/attivita',
    roles: SOCIAL,
    screen: screen(() => import('../features/tasks/tasklist-screen'), 'TasklistScreen'),
  },
  {
    path: '/unita',
    roles: ['coordinator'],
    screen: screen(() => import('../features/unit/unit-board-screen'), 'UnitBoardScreen'),
  },
  {
    path: '/scadenze',
    roles: SOCIAL,
    screen: screen(() => import('../features/deadlines/deadlines-screen'), 'DeadlinesScreen'),
  },
  {
    path: '/casi',
    roles: SOCIAL,
    screen: screen(() => import('../features/cases/case-search-screen'), 'CaseSearchScreen'),
  },
  {
    // A manager reads a case the unit's coordinator granted them, read-only.
    path: '/casi/:caseNumber',
    roles: [...SOCIAL, 'manager'],
    screen: screen(() => import('../features/cases/case-file-screen'), 'CaseFileScreen'),
  },
  {
    path: '/attivita/:id',
    roles: SOCIAL,
    screen: screen(() => import('../features/tasks/task-screen'), 'TaskScreen'),
  },
  {
    path: '/sportello',
    roles: DESK,
    screen: screen(
      () => import('../features/front-office/front-office-screen'),
      'FrontOfficeScreen',
    ),
  },
  {
    path: '/sportello/persone/nuova',
    roles: DESK,
    screen: screen(() => import('../features/front-office/person-form-screen'), 'PersonFormScreen'),
  },
  {
    path: '/sportello/persone/:id',
    roles: DESK,
    screen: screen(() => import('../features/front-office/person-screen'), 'PersonScreen'),
  },
  {
    path: '/sportello/nuclei/nuovo',
    roles: DESK,
    screen: screen(
      () => import('../features/front-office/household-form-screen'),
      'HouseholdFormScreen',
    ),
  },
  {
    path: '/sportello/segnalazioni',
    roles: DESK,
    screen: screen(
      () => import('../features/front-office/referral-list-screen'),
      'ReferralListScreen',
    ),
  },
  {
    path: '/sportello/segnalazioni/nuova',
    roles: DESK,
    screen: screen(
      () => import('../features/front-office/referral-form-screen'),
      'ReferralFormScreen',
    ),
  },
  {
    path: '/sportello/segnalazioni/:id',
    roles: DESK,
    screen: screen(() => import('../features/front-office/referral-screen'), 'ReferralScreen'),
  },
  {
    path: '/amministrazione/modelli',
    roles: ['admin'],
    screen: screen(() => import('../features/models/models-screen'), 'ModelsScreen'),
  },
  {
    path: '/amministrazione/modelli/nuovo',
    roles: ['admin'],
    screen: screen(() => import('../features/models/modeler-screen'), 'ModelerScreen'),
  },
  {
    path: '/amministrazione/modelli/:id',
    roles: ['admin'],
    screen: screen(() => import('../features/models/model-screen'), 'ModelScreen'),
  },
  {
    path: '/amministrazione/modelli/:id/versioni/:version',
    roles: ['admin'],
    screen: screen(() => import('../features/models/modeler-screen'), 'ModelerScreen'),
  },
  {
    path: '/amministrazione/modelli/:id/confronto/:from/:to',
    roles: ['admin'],
    screen: screen(() => import('../features/models/diff-screen'), 'DiffScreen'),
  },
  {
    path: '/amministrazione/moduli',
    roles: ['admin'],
    screen: screen(() => import('../features/forms/forms-screen'), 'FormsScreen'),
  },
  {
    path: '/amministrazione/moduli/nuovo',
    roles: ['admin'],
    screen: screen(() => import('../features/forms/form-editor-screen'), 'FormEditorScreen'),
  },
  {
    path: '/amministrazione/moduli/:formId',
    roles: ['admin'],
    screen: screen(() => import('../features/forms/form-editor-screen'), 'FormEditorScreen'),
  },
  {
    path: '/amministrazione/moduli/:formId/versioni/:version',
    roles: ['admin'],
    screen: screen(() => import('../features/forms/form-editor-screen'), 'FormEditorScreen'),
  },
  {
    path: '/amministrazione/istanze',
    roles: ['admin'],
    screen: screen(() => import('../features/instances/instances-screen'), 'InstancesScreen'),
  },
  {
    path: '/amministrazione/istanze/:key',
    roles: ['admin'],
    screen: screen(() => import('../features/instances/instance-screen'), 'InstanceScreen'),
  },
  {
    path: '/amministrazione/incidenti',
    roles: ['admin'],
    screen: screen(() => import('../features/incidents/incidents-screen'), 'IncidentsScreen'),
  },
  {
    path: '/amministrazione/utenti',
    roles: ['admin'],
    screen: screen(() => import('../features/accounts/accounts-screen'), 'AccountsScreen'),
  },
  {
    path: '/amministrazione/utenti/nuovo',
    roles: ['admin'],
    screen: screen(() => import('../features/accounts/account-form-screen'), 'AccountFormScreen'),
  },
  {
    path: '/amministrazione/utenti/:id',
    roles: ['admin'],
    screen: screen(() => import('../features/accounts/account-form-screen'), 'AccountFormScreen'),
  },
  {
    path: '/notifiche',
    roles: ['front-office', 'caseworker', 'coordinator', 'manager', 'admin'],
    screen: screen(
      () => import('../features/notifications/notifications-screen'),
      'NotificationsScreen',
    ),
  },
  {
    path: '/profilo',
    roles: ['front-office', 'caseworker', 'coordinator', 'manager', 'admin', 'worker'],
    screen: screen(() => import('../features/profile/profile-screen'), 'ProfileScreen'),
  },
  {
    path: '/direzione',
    roles: ['manager', 'admin'],
    screen: screen(() => import('../features/manager/caseloads-screen'), 'CaseloadsScreen'),
  },
  {
    path: '/direzione/scadenze',
    roles: ['manager', 'admin'],
    screen: screen(
      () => import('../features/manager/deadline-figures-screen'),
      'DeadlineFiguresScreen',
    ),
  },
  {
    path: '/direzione/percorsi',
    roles: ['manager', 'admin'],
    screen: screen(() => import('../features/manager/path-heatmap-screen'), 'PathHeatmapScreen'),
  },
  {
    path: '/direzione/andamento',
    roles: ['manager', 'admin'],
    screen: screen(() => import('../features/manager/trends-screen'), 'TrendsScreen'),
  },
  {
    path: '/direzione/scadenze/elenco',
    roles: ['manager', 'admin'],
    screen: screen(
      () => import('../features/manager/deadline-cases-screen'),
      'DeadlineCasesScreen',
    ),
  },
];

/** The main navigation, per role, in the order of the day's work. */
export const NAVIGATION: NavEntry[] = [
  { href: '/unita', label: 'Unità', roles: ['coordinator'] },
  { href: '/sportello', label: 'Sportello', roles: ['front-office'] },
  { href: '/attivita', label: 'Attività', roles: SOCIAL },
  { href: '/casi', label: 'Cartelle', roles: SOCIAL },
  { href: '/scadenze', label: 'Scadenze', roles: SOCIAL },
  { href: '/sportello/segnalazioni', label: 'Segnalazioni', roles: DESK },
  { href: '/amministrazione/modelli', label: 'Modelli', roles: ['admin'] },
  { href: '/amministrazione/moduli', label: 'Moduli', roles: ['admin'] },
  { href: '/amministrazione/istanze', label: 'Istanze', roles: ['admin'] },
  { href: '/amministrazione/incidenti', label: 'Incidenti', roles: ['admin'] },
  { href: '/amministrazione/utenti', label: 'Utenti', roles: ['admin'] },
  { href: '/direzione', label: 'Carichi di lavoro', roles: ['manager', 'admin'] },
  { href: '/direzione/scadenze', label: 'Scadenze legali', roles: ['manager', 'admin'] },
  { href: '/direzione/percorsi', label: 'Tempi dei percorsi', roles: ['manager', 'admin'] },
  { href: '/direzione/andamento', label: 'Andamento', roles: ['manager', 'admin'] },
];

/** Where each role starts its day. */
export const HOME: Record<Role, string> = {
  'front-office': '/sportello',
  caseworker: '/attivita',
  coordinator: '/unita',
  manager: '/direzione',
  admin: '/amministrazione/modelli',
  // A program's account has no screens: whoever signs in with it sees what it is.
  worker: '/profilo',
};

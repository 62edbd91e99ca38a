import { Call, Caller, CALLERS, PLAIN_TASK, SecurityFixture } from './security-fixture';
import { pdf } from '../support/documents';

/**
 * The expected status of every route for every caller, in CALLERS order:
 *
 *   anonymous · front.iii · boss (manager) · admin · carla.v (caseworker V) · coord.v ·
 *   bruno.iii (caseworker III, not on the case) · anna.iii (case manager) · coord.iii ·
 *   worker (an external program's account)
 *
 * A route of the app without a rule here fails the matrix test: add one.
 */
export interface RouteRule {
  /** The request each caller sends: realistic ids from the fixture, a valid body. */
  call: (f: SecurityFixture, who: Caller) => Call | Promise<Call>;
  expect: string;
  /** Reads only: the callers may go at once. */
  parallel?: boolean;
}

export function cellsOf(rule: RouteRule): Record<Caller, number> {
  const statuses = rule.expect.trim().split(/\s+/).map(Number);
  if (statuses.length !== CALLERS.length) throw new Error(`${rule.expect}: one status per caller`);
  return Object.fromEntries(CALLERS.map((who, i) => [who, statuses[i]])) as Record<Caller, number>;
}

const read =
  (path: (f: SecurityFixture) => string): RouteRule['call'] =>
  (f) => ({
    path: path(f),
  });
const UNKNOWN_KEY = '2251799813685249';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

//                          anon front boss admin carlaV coordV bruno anna coordIII worker
export const ROUTE_RULES: Record<string, RouteRule> = {
  'GET /api/health': {
    call: read(() => '/api/health'),
    expect: '200 200 200 200 200 200 200 200 200 200',
    parallel: true,
  },
  'GET /api/health/ready': {
    call: read(() => '/api/health/ready'),
    expect: '200 200 200 200 200 200 200 200 200 200',
    parallel: true,
  },
  'POST /api/auth/login': {
    // A wrong password per caller: no account is locked by another's attempts.
    call: (_f, who) => ({
      path: '/api/auth/login',
      body: { username: `nessuno-${who}`, password: 'sbagliata-123' },
    }),
    expect: '401 401 401 401 401 401 401 401 401 401',
  },
  'POST /api/auth/oauth/token': {
    // Public, as the login; a grant other than client credentials is refused before any
    // password is tried (wrong secrets would count against the login limit the login rule meets).
    call: (_f, who) => ({
      path: '/api/auth/oauth/token',
      body: { grant_type: 'password', client_id: `nessuno-${who}`, client_secret: 'x' },
    }),
    expect: '400 400 400 400 400 400 400 400 400 400',
  },
  'GET /api/auth/me': {
    call: read(() => '/api/auth/me'),
    expect: '401 200 200 200 200 200 200 200 200 200',
    parallel: true,
  },
  'GET /api/units': {
    call: read(() => '/api/units'),
    expect: '401 200 200 200 200 200 200 200 200 200',
    parallel: true,
  },
  'GET /api/auth/methods': {
    call: read(() => '/api/auth/methods'),
    expect: '200 200 200 200 200 200 200 200 200 200',
    parallel: true,
  },

  'POST /api/auth/refresh': {
    call: async (f, who) => ({
      path: '/api/auth/refresh',
      body: {
        refreshToken:
          who === 'anonymous' ? 'non-un-token-valido' : (await f.freshSession(who)).refreshToken,
      },
    }),
    expect: '401 200 200 200 200 200 200 200 200 200',
  },
  'POST /api/auth/logout': {
    call: async (f, who) => ({
      path: '/api/auth/logout',
      token: who === 'anonymous' ? undefined : (await f.freshSession(who)).accessToken,
    }),
    expect: '401 204 204 204 204 204 204 204 204 204',
  },
  'POST /api/auth/password': {
    // A wrong current password: nobody's sessions end, and the rule is still reached.
    call: () => ({
      path: '/api/auth/password',
      body: { currentPassword: 'non-e-la-mia-password', newPassword: 'una-nuova-password-lunga' },
    }),
    expect: '401 400 400 400 400 400 400 400 400 400',
  },
  // Without OIDC_* settings the OpenID Connect login does not exist.
  'GET /api/auth/oidc/login': {
    call: read(() => '/api/auth/oidc/login'),
    expect: '404 404 404 404 404 404 404 404 404 404',
    parallel: true,
  },
  'GET /api/auth/oidc/callback': {
    call: read(() => '/api/auth/oidc/callback?code=x&state=y'),
    expect: '404 404 404 404 404 404 404 404 404 404',
    parallel: true,
  },
  'POST /api/auth/oidc/token': {
    call: () => ({ path: '/api/auth/oidc/token', body: { code: 'x'.repeat(43) } }),
    expect: '404 404 404 404 404 404 404 404 404 404',
  },

  // Accounts: administrators only.
  'GET /api/accounts': {
    call: read(() => '/api/accounts'),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/accounts/:id': {
    call: async (f) => ({ path: `/api/accounts/${await f.spareAccount()}` }),
    expect: '401 403 403 200 403 403 403 403 403 403',
  },
  'POST /api/accounts': {
    call: (f) => ({
      path: '/api/accounts',
      body: {
        username: `nuovo.${f.uniqueName().toLowerCase()}`,
        displayName: 'Nuovo operatore',
        role: 'front-office',
        unitCode: 'III',
        password: 'una-password-iniziale',
      },
    }),
    expect: '401 403 403 201 403 403 403 403 403 403',
  },
  'PATCH /api/accounts/:id': {
    call: async (f) => ({
      path: `/api/accounts/${await f.spareAccount()}`,
      body: { displayName: 'Operatore rinominato' },
    }),
    expect: '401 403 403 200 403 403 403 403 403 403',
  },
  'POST /api/accounts/:id/password': {
    call: async (f) => ({
      path: `/api/accounts/${await f.spareAccount()}/password`,
      body: { password: 'una-password-reimpostata' },
    }),
    expect: '401 403 403 204 403 403 403 403 403 403',
  },

  // Persons, households, referrals: registered by the front office and case workers.
  'POST /api/persons': {
    call: (f) => ({ path: '/api/persons', body: { surname: f.uniqueName(), name: 'Rosalia' } }),
    expect: '401 201 403 403 201 201 201 201 201 403',
  },
  'GET /api/persons': {
    call: read(() => '/api/persons?name=Rossi'),
    expect: '401 200 403 403 200 200 200 200 200 403',
    parallel: true,
  },
  'POST /api/households': {
    call: async (f) => ({
      path: '/api/households',
      body: {
        address: 'Via Maqueda 100, Palermo',
        members: [{ personId: await f.person(), relationship: 'intestatario' }],
      },
    }),
    expect: '401 201 403 403 201 201 201 201 201 403',
  },
  'GET /api/referrals': {
    call: read(() => '/api/referrals'),
    expect: '401 200 403 403 200 200 200 200 200 403',
    parallel: true,
  },
  'GET /api/referrals/:id': {
    call: read((f) => `/api/referrals/${f.referralId}`),
    expect: '401 200 403 403 404 404 200 200 200 403',
    parallel: true,
  },
  'POST /api/referrals': {
    call: () => ({
      path: '/api/referrals',
      body: { channel: 'hospital', urgency: 'ordinary', requestText: 'Richiesta di valutazione.' },
    }),
    expect: '401 201 403 403 201 201 201 201 201 403',
  },
  'GET /api/persons/:id': {
    // The registry is the city's: any desk or social worker reads a person, cases aside.
    call: read((f) => `/api/persons/${f.main.personId}`),
    expect: '401 200 403 403 200 200 200 200 200 403',
    parallel: true,
  },
  'GET /api/households/:id': {
    call: read((f) => `/api/households/${f.main.householdId}`),
    expect: '401 200 403 403 404 404 200 200 200 403',
    parallel: true,
  },
  'POST /api/households/:id/members': {
    call: async (f) => ({
      path: `/api/households/${f.main.householdId}/members`,
      body: { personId: await f.person(), relationship: 'altro parente' },
    }),
    expect: '401 201 403 403 404 404 201 201 201 403',
  },

  // Case files: the case manager and the unit's coordinator; 404 for whoever may not know the case.
  'POST /api/cases': {
    call: async (f) => ({ path: '/api/cases', body: { personId: await f.person() } }),
    expect: '401 403 403 403 201 201 201 201 201 403',
  },
  'GET /api/cases': {
    call: read(() => '/api/cases'),
    expect: '401 403 200 403 200 200 200 200 200 403',
    parallel: true,
  },
  // The mandated paths by name (the case search's filter): no one's data.
  'GET /api/cases/paths': {
    call: read(() => '/api/cases/paths'),
    expect: '401 200 200 200 200 200 200 200 200 200',
    parallel: true,
  },
  'GET /api/cases/:id': {
    call: read((f) => `/api/cases/${f.main.caseId}`),
    expect: '401 403 404 403 404 404 404 200 200 403',
    parallel: true,
  },
  'GET /api/cases/:id/timeline': {
    call: read((f) => `/api/cases/${f.main.caseId}/timeline`),
    expect: '401 403 404 403 404 404 404 200 200 403',
    parallel: true,
  },
  'GET /api/cases/:id/process': {
    call: read((f) => `/api/cases/${f.main.caseId}/process`),
    expect: '401 403 404 403 404 404 404 200 200 403',
    parallel: true,
  },
  'GET /api/cases/:id/access-log': {
    call: read((f) => `/api/cases/${f.main.caseId}/access-log`),
    expect: '401 403 403 403 403 404 403 403 200 403',
    parallel: true,
  },
  'POST /api/cases/:id/diary': {
    call: (f) => ({
      path: `/api/cases/${f.main.caseId}/diary`,
      body: { kind: 'note', occurredAt: '2026-03-03T09:00:00Z', text: 'Nota di servizio.' },
    }),
    expect: '401 403 404 403 404 404 404 201 201 403',
  },
  // A referral's attachments: attached by the unit's staff, read by its social workers only.
  'POST /api/referrals/:id/documents': {
    call: (f) => ({
      path: `/api/referrals/${f.referralId}/documents`,
      upload: { fileName: 'segnalazione.pdf', content: pdf('Segnalazione') },
    }),
    expect: '401 201 403 403 404 404 201 201 201 403',
  },
  'GET /api/referrals/:id/documents': {
    call: read((f) => `/api/referrals/${f.referralId}/documents`),
    expect: '401 403 403 403 404 404 200 200 200 403',
    parallel: true,
  },
  'GET /api/referrals/:id/documents/:documentId': {
    call: read((f) => `/api/referrals/${f.referralId}/documents/${f.referralDocumentId}`),
    expect: '401 403 403 403 404 404 200 200 200 403',
    parallel: true,
  },
  'GET /api/cases/:id/documents': {
    call: read((f) => `/api/cases/${f.main.caseId}/documents`),
    expect: '401 403 404 403 404 404 404 200 200 403',
    parallel: true,
  },
  'POST /api/cases/:id/documents': {
    call: (f) => ({
      path: `/api/cases/${f.main.caseId}/documents`,
      upload: { fileName: 'verbale.pdf', content: pdf('Segnalazione') },
    }),
    expect: '401 403 404 403 404 404 404 201 201 403',
  },
  'GET /api/cases/:id/documents/:documentId': {
    call: read((f) => `/api/cases/${f.main.caseId}/documents/${f.main.documentId}`),
    expect: '401 403 404 403 404 404 404 200 200 403',
    parallel: true,
  },
  'GET /api/cases/:caseId/deadlines': {
    call: read((f) => `/api/cases/${f.main.caseId}/deadlines`),
    expect: '401 403 404 403 404 404 404 200 200 403',
    parallel: true,
  },
  'POST /api/cases/:caseId/deadlines/:deadlineId/extensions': {
    call: (f) => ({
      path: `/api/cases/${f.main.caseId}/deadlines/${f.main.deadlineId}/extensions`,
      body: {
        extraDays: 10,
        unit: 'calendarDays',
        reason: 'Rinvio richiesto dalla famiglia',
        grantedBy: 'Coordinatore di unità',
      },
    }),
    expect: '401 403 404 403 404 404 404 201 201 403',
  },
  'POST /api/cases/:id/grants': {
    // On a case of its own: a grant changes what the manager may read.
    call: (f) => ({
      path: `/api/cases/${f.grantCase.caseId}/grants`,
      body: {
        managerId: f.ids.boss,
        reason: 'Verifica della gestione del caso',
        expiresAt: inDays(7),
      },
    }),
    expect: '401 403 403 201 403 404 403 403 201 403',
  },
  // Deadlines across cases: the coordinator's unit, the caseworker's own cases (person names: logged).
  'GET /api/deadlines': {
    call: read(() => '/api/deadlines?status=atRisk'),
    expect: '401 403 403 403 200 200 200 200 200 403',
    parallel: true,
  },
  'POST /api/cases/:id/case-manager': {
    // On a case of its own: the main case keeps Anna as its manager for the other rules.
    call: (f) => ({
      path: `/api/cases/${f.grantCase.caseId}/case-manager`,
      body: { accountId: f.ids['bruno.iii'], reason: 'Riequilibrio dei carichi' },
    }),
    expect: '401 403 403 403 403 404 403 403 200 403',
  },
  'GET /api/cases/:id/decisions/available': {
    call: read((f) => `/api/cases/${f.main.caseId}/decisions/available`),
    expect: '401 403 404 403 404 404 404 200 200 403',
    parallel: true,
  },
  'POST /api/cases/:id/paths': {
    // The case manager starts it; the same path is then running, so the coordinator gets 409.
    call: (f) => ({ path: `/api/cases/${f.main.caseId}/paths`, body: { path: 'housing' } }),
    expect: '401 403 404 403 404 404 404 201 409 403',
  },
  'GET /api/cases/:id/decisions': {
    call: read((f) => `/api/cases/${f.main.caseId}/decisions`),
    expect: '401 403 404 403 404 404 404 200 200 403',
    parallel: true,
  },
  'POST /api/cases/:id/decisions': {
    // The case manager records it; the path then waits no more, so the coordinator gets 409.
    call: (f) => ({
      path: `/api/cases/${f.main.caseId}/decisions`,
      body: {
        kind: 'eviction-date',
        processInstanceKey: f.main.decisionKey,
        fields: { evictionDate: '2026-04-16' },
      },
    }),
    expect: '401 403 404 403 404 404 404 201 409 403',
  },

  // Tasklist: caseworkers and coordinators of the task's unit.
  'GET /api/tasks': {
    call: read(() => '/api/tasks?view=mine'),
    expect: '401 403 403 403 200 200 200 200 200 403',
    parallel: true,
  },
  'GET /api/tasks/:id': {
    call: read((f) => `/api/tasks/${f.tasks.read}`),
    expect: '401 403 403 403 404 404 200 200 200 403',
    parallel: true,
  },
  'GET /api/tasks/:id/form': {
    call: read((f) => `/api/tasks/${f.tasks.read}/form`),
    expect: '401 403 403 403 404 404 200 200 200 403',
    parallel: true,
  },
  'GET /api/tasks/:id/variables': {
    call: read((f) => `/api/tasks/${f.tasks.read}/variables`),
    // Bruno is a candidate, but Anna holds it and he does not follow the case (issue 10).
    expect: '401 403 403 403 404 404 403 200 200 403',
    parallel: true,
  },
  'GET /api/tasks/counts': {
    call: read(() => '/api/tasks/counts'),
    expect: '401 403 403 403 200 200 200 200 200 403',
    parallel: true,
  },
  // Drafts: whoever fills the form: its holder (Anna), the coordinator; Bruno sees it, no more.
  'PUT /api/tasks/:id/draft': {
    call: (f) => ({
      path: `/api/tasks/${f.tasks.read}/draft`,
      body: { data: { note: 'risposte in corso' } },
    }),
    expect: '401 403 403 403 404 404 403 200 200 403',
  },
  'GET /api/tasks/:id/draft': {
    // Each caller reads back their own draft, saved just before.
    call: async (f, who) => {
      const path = `/api/tasks/${f.tasks.read}/draft`;
      if (who !== 'anonymous')
        await f.call(who, 'PUT', path, { path, body: { data: { note: who } } });
      return { path };
    },
    expect: '401 403 403 403 404 404 403 200 200 403',
  },
  'DELETE /api/tasks/:id/draft': {
    call: read((f) => `/api/tasks/${f.tasks.read}/draft`),
    expect: '401 403 403 403 404 404 403 204 204 403',
  },
  'POST /api/tasks/:id/claim': {
    call: read((f) => `/api/tasks/${f.tasks.claim}/claim`),
    expect: '401 403 403 403 404 404 200 409 409 403',
  },
  'POST /api/tasks/:id/unclaim': {
    call: read((f) => `/api/tasks/${f.tasks.unclaim}/unclaim`),
    expect: '401 403 403 403 404 404 403 200 409 403',
  },
  'POST /api/tasks/:id/assign': {
    call: (f) => ({ path: `/api/tasks/${f.tasks.assign}/assign`, body: { username: 'anna.iii' } }),
    expect: '401 403 403 403 403 404 403 403 200 403',
  },
  'POST /api/tasks/:id/complete': {
    call: (f) => ({ path: `/api/tasks/${f.tasks.complete}/complete`, body: { variables: {} } }),
    expect: '401 403 403 403 404 404 409 204 409 403',
  },
  'GET /api/task-filters': {
    call: read(() => '/api/task-filters'),
    expect: '401 403 403 403 200 200 200 200 200 403',
    parallel: true,
  },
  'POST /api/task-filters': {
    call: (_f, who) => ({
      path: '/api/task-filters',
      body: { name: `Filtro di ${who}`, query: { view: 'mine' } },
    }),
    expect: '401 403 403 403 201 201 201 201 201 403',
  },
  'DELETE /api/task-filters/:id': {
    call: read((f) => `/api/task-filters/${f.filterId}`),
    expect: '401 403 403 403 404 404 404 204 404 403',
  },

  // Everyone's own inbox.
  'GET /api/notifications': {
    call: read(() => '/api/notifications'),
    expect: '401 200 200 200 200 200 200 200 200 200',
    parallel: true,
  },
  'GET /api/notifications/unread-count': {
    call: read(() => '/api/notifications/unread-count'),
    expect: '401 200 200 200 200 200 200 200 200 200',
    parallel: true,
  },
  'POST /api/notifications/:id/read': {
    call: read((f) => `/api/notifications/${f.notificationId}/read`),
    expect: '401 404 404 404 404 404 404 204 404 404',
  },
  'POST /api/notifications/read-all': {
    call: read(() => '/api/notifications/read-all'),
    expect: '401 204 204 204 204 204 204 204 204 204',
  },

  // Access log and figures.
  'GET /api/audit': {
    call: read((f) => `/api/audit?personId=${f.main.personId}`),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'POST /api/audit/purge': {
    call: () => ({ path: '/api/audit/purge', body: { before: '2020-01-01' } }),
    expect: '401 403 403 200 403 403 403 403 403 403',
  },
  'GET /api/stats/caseloads': {
    call: read(() => '/api/stats/caseloads'),
    expect: '401 403 200 200 403 403 403 403 403 403',
    parallel: true,
  },
  // The city's deadline figures: managers and administrators; the cases behind one by number only.
  'GET /api/stats/deadlines': {
    call: read(() => '/api/stats/deadlines?groupBy=kind'),
    expect: '401 403 200 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/stats/deadlines/months': {
    call: read(() => '/api/stats/deadlines/months?months=6'),
    expect: '401 403 200 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/stats/deadlines/cases': {
    call: read(() => '/api/stats/deadlines/cases?measure=running&format=csv'),
    expect: '401 403 200 200 403 403 403 403 403 403',
    parallel: true,
  },
  // A path's bottlenecks: counts for managers; the thresholds are the administrators' setting.
  'GET /api/stats/paths': {
    call: read(() => '/api/stats/paths'),
    expect: '401 403 200 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/stats/paths/:bpmnProcessId/elements': {
    call: read(() => '/api/stats/paths/segretariato-intake/elements'),
    expect: '401 403 200 200 403 403 403 403 403 403',
    parallel: true,
  },
  'PUT /api/stats/paths/:bpmnProcessId/elements/:elementId/threshold': {
    call: () => ({
      path: '/api/stats/paths/segretariato-intake/elements/nessun-passo/threshold',
      body: { amberSeconds: 3600, redSeconds: 7200 },
    }),
    // The administrator reaches the check of the step (not in the diagram: 404).
    expect: '401 403 403 404 403 403 403 403 403 403',
  },
  'DELETE /api/stats/paths/:bpmnProcessId/elements/:elementId/threshold': {
    call: read(() => '/api/stats/paths/segretariato-intake/elements/nessun-passo/threshold'),
    expect: '401 403 403 404 403 403 403 403 403 403',
  },
  'GET /api/stats/trends': {
    call: read(() => '/api/stats/trends?interval=week&periods=4&format=xlsx'),
    expect: '401 403 200 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/stats/caseworkers': {
    call: read(() => '/api/stats/caseworkers?unitCode=III'),
    expect: '401 403 200 200 403 403 403 403 403 403',
    parallel: true,
  },
  'PATCH /api/stats/units/:code': {
    call: () => ({ path: '/api/stats/units/III', body: { population: 72000 } }),
    expect: '401 403 403 200 403 403 403 403 403 403',
  },
  // A unit's board is its coordinators' (managers: counts only, in stats); its staff, its social workers'.
  'GET /api/units/:code/board': {
    call: read(() => '/api/units/III/board'),
    expect: '401 403 403 403 403 404 403 403 200 403',
    parallel: true,
  },
  'GET /api/units/:code/staff': {
    call: read(() => '/api/units/III/staff'),
    expect: '401 403 403 403 404 404 200 200 200 403',
    parallel: true,
  },

  'GET /api/units/:code/duties': {
    call: read(() => '/api/units/III/duties'),
    expect: '401 403 403 403 404 404 200 200 200 403',
    parallel: true,
  },
  'POST /api/units/:code/duties': {
    call: () => ({
      path: '/api/units/III/duties',
      body: { duty: 'network', title: 'Tavolo di rete con le scuole' },
    }),
    expect: '401 403 403 403 403 404 403 403 201 403',
  },

  // The engine's API: administrators only.
  'POST /api/models': {
    call: () => ({
      path: '/api/models',
      body: { name: 'matrix-plain-task.bpmn', xml: PLAIN_TASK },
    }),
    expect: '401 403 403 201 403 403 403 403 403 403',
  },
  'POST /api/models/validate': {
    call: () => ({
      path: '/api/models/validate',
      body: { xml: PLAIN_TASK },
    }),
    expect: '401 403 403 200 403 403 403 403 403 403',
  },
  'GET /api/models': {
    call: read(() => '/api/models'),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/models/:key/xml': {
    call: read((f) => `/api/models/${f.definitionKey}/xml`),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'POST /api/process-instances': {
    call: () => ({ path: '/api/process-instances', body: { bpmnProcessId: 'matrix-plain-task' } }),
    expect: '401 403 403 201 403 403 403 403 403 403',
  },
  'GET /api/process-instances': {
    call: read(() => '/api/process-instances'),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/process-instances/:key': {
    call: read((f) => `/api/process-instances/${f.main.instanceKey}`),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/process-instances/:key/history': {
    call: read((f) => `/api/process-instances/${f.main.instanceKey}/history`),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'POST /api/process-instances/:key/cancel': {
    call: read((f) => `/api/process-instances/${f.cancelKey}/cancel`),
    expect: '401 403 403 204 403 403 403 403 403 403',
  },
  'PUT /api/element-instances/:key/variables': {
    call: (f) => ({
      path: `/api/element-instances/${f.main.instanceKey}/variables`,
      body: { variables: { matrixNote: 'impostata dal test' } },
    }),
    expect: '401 403 403 204 403 403 403 403 403 403',
  },
  'POST /api/messages': {
    call: () => ({
      path: '/api/messages',
      body: { name: 'nessun-percorso-attende', correlationKey: 'x' },
    }),
    expect: '401 403 403 201 403 403 403 403 403 403',
  },
  'POST /api/jobs/activate': {
    call: () => ({
      path: '/api/jobs/activate',
      body: { type: 'matrix-nothing', maxJobs: 1, timeoutMs: 60000, worker: 'matrix' },
    }),
    expect: '401 403 403 403 403 403 403 403 403 200',
  },
  'POST /api/jobs/:key/complete': {
    call: () => ({ path: `/api/jobs/${UNKNOWN_KEY}/complete`, body: {} }),
    expect: '401 403 403 403 403 403 403 403 403 404',
  },
  'POST /api/jobs/:key/fail': {
    call: () => ({ path: `/api/jobs/${UNKNOWN_KEY}/fail`, body: { retries: 0 } }),
    expect: '401 403 403 403 403 403 403 403 403 404',
  },
  'POST /api/jobs/:key/error': {
    call: () => ({ path: `/api/jobs/${UNKNOWN_KEY}/error`, body: { errorCode: 'x' } }),
    expect: '401 403 403 403 403 403 403 403 403 404',
  },
  'PATCH /api/jobs/:key': {
    call: () => ({ path: `/api/jobs/${UNKNOWN_KEY}`, body: { retries: 1 } }),
    expect: '401 403 403 404 403 403 403 403 403 403',
  },
  'GET /api/incidents': {
    call: read(() => '/api/incidents'),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'POST /api/incidents/:key/resolve': {
    call: read(() => `/api/incidents/${UNKNOWN_KEY}/resolve`),
    expect: '401 403 403 404 403 403 403 403 403 403',
  },
  'POST /api/incidents/:key/retry': {
    call: () => ({ path: `/api/incidents/${UNKNOWN_KEY}/retry`, body: { retries: 2 } }),
    expect: '401 403 403 404 403 403 403 403 403 403',
  },
  // Forms, deployed and versioned: administrators only. The shipped forms are deployed at start.
  'POST /api/forms': {
    call: () => ({
      path: '/api/forms',
      body: {
        name: 'matrix-nota.form',
        schema: {
          id: 'matrix-nota',
          type: 'default',
          components: [{ id: 'Field_nota', type: 'textarea', key: 'nota', label: 'Nota' }],
        },
      },
    }),
    expect: '401 403 403 201 403 403 403 403 403 403',
  },
  'POST /api/forms/validate': {
    call: () => ({
      path: '/api/forms/validate',
      body: { schema: { id: 'matrix-nota', type: 'default', components: [] } },
    }),
    expect: '401 403 403 200 403 403 403 403 403 403',
  },
  'GET /api/forms': {
    call: read(() => '/api/forms'),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/forms/:formId': {
    call: read(() => '/api/forms/intake-take-in-charge'),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/forms/:formId/versions': {
    call: read(() => '/api/forms/intake-take-in-charge/versions'),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
  'GET /api/forms/:formId/versions/:version': {
    call: read(() => '/api/forms/intake-take-in-charge/versions/1'),
    expect: '401 403 403 200 403 403 403 403 403 403',
    parallel: true,
  },
};

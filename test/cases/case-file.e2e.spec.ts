import { hashPassword } from '../../src/auth/password-hasher';
import { MessageOutbox } from '../../src/engine/message-outbox';
import { PathChecks } from '../paths/path-checks';
import { PathDriver } from '../paths/path-driver';

const DISPLAY_NAMES: Record<string, string> = {
  'coord.iii': 'Carmela Russo',
  'anna.iii': 'Anna Bianchi',
  'bruno.iii': 'Bruno Neri',
  'carla.v': 'Carla Greco',
  'front.iii': 'Franco Sportello',
};
const SGOMBERO = 'Pre-valutazione per sgombero';
const WAIT_FOR_DATE = 'Data dello sgombero fissata dalla Prefettura';
const CENSUS = 'Censimento degli occupanti e proposte di intervento';

/**
 * The case file as the caseworker's working place, over HTTP on the shipped paths: paths and
 * steps by their names, the case manager (re)assigned by the coordinator, and the decisions an
 * outside party takes recorded from the case file, which move the path that waits for them.
 */
describe('the case file as a working place', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const as = (who: string) => d.as(who);
  const get = (who: string, path: string) => d.server.request('GET', path, as(who));
  const post = (who: string, path: string, body: unknown) =>
    d.server.request('POST', path, { ...as(who), body });

  /** A case of unit III opened by the coordinator straight on a path, as from a court order. */
  const openOn = async (path: string, surname: string) => {
    const person = await post('front.iii', '/api/persons', { surname, name: 'Giuseppe' });
    const opened = await post('coord.iii', '/api/cases', { personId: person.body.id, path });
    expect(opened.status).toBe(201);
    await d.engine.settle();
    return {
      caseId: opened.body.id as string,
      caseNumber: opened.body.caseNumber as string,
      key: opened.body.pathInstances[0].processInstanceKey as string,
    };
  };
  /** The take in charge every path begins with, done by the coordinator: Anna manages the case. */
  const takeInCharge = async (caseNumber: string) => {
    await d.do('coord.iii', caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
  };
  const available = async (caseId: string, who = 'anna.iii') => {
    const response = await get(who, `/api/cases/${caseId}/decisions/available`);
    expect(response.status).toBe(200);
    return response.body as Array<{ kind: string; processInstanceKey: string; stepName: string }>;
  };
  const awaited = async (caseId: string) => {
    let found: Awaited<ReturnType<typeof available>> = [];
    // The coordinator: the case manager sees the case once the take in charge has recorded her.
    await c.until(
      async () => (found = await available(caseId, 'coord.iii')).length > 0,
      'a decision awaited',
    );
    return found;
  };

  beforeAll(async () => {
    await d.start();
    for (const [username, displayName] of Object.entries(DISPLAY_NAMES)) {
      await d.db.query(`UPDATE account SET display_name = $2 WHERE username = $1`, [
        username,
        displayName,
      ]);
    }
    const [boss] = await d.db.query(
      `INSERT INTO account (username, display_name, role, password_hash) VALUES ('boss', 'Dirigente', 'manager', $1) RETURNING id`,
      [await hashPassword('una-password-di-prova')],
    );
    d.ids.boss = boss.id;
    d.tokens.boss = await d.server.login('boss', 'una-password-di-prova');
  }, 60_000);
  afterAll(() => d.stop());

  let eviction: { caseId: string; caseNumber: string; key: string };

  it('names the path, where it stands and its steps; the coordinator finds the unassigned case and assigns it', async () => {
    eviction = await openOn('evictionPreAssessment', 'Santoro');
    const detail = await get('coord.iii', `/api/cases/${eviction.caseId}`);
    expect(detail.body.pathInstances).toEqual([
      {
        bpmnProcessId: 'pre-valutazione-sgombero',
        processInstanceKey: eviction.key,
        name: SGOMBERO,
        version: 1,
        state: 'ACTIVE',
        startedAt: expect.any(String),
        currentSteps: [
          { elementId: 'takeInCharge', name: 'Presa in carico: assegnazione del case manager' },
        ],
        incidents: 0,
      },
    ]);
    expect(detail.body).toMatchObject({ caseManager: null, pathNames: [SGOMBERO] });

    // The coordinator's board: cases without a manager, then each one's.
    const board = async (query: string) =>
      (await get('coord.iii', `/api/cases?${query}`)).body.items.map(
        (x: { caseNumber: string }) => x.caseNumber,
      );
    expect(await board('unassigned=true')).toContain(eviction.caseNumber);
    expect(await board(`caseManagerId=${d.ids['anna.iii']}`)).not.toContain(eviction.caseNumber);
    const refused = await get('coord.iii', '/api/cases?unassigned=forse');
    expect(refused.status).toBe(400);

    // Not by the caseworker herself, not to someone of another unit.
    const bySelf = await post('anna.iii', `/api/cases/${eviction.caseId}/case-manager`, {
      accountId: d.ids['anna.iii'],
    });
    expect(bySelf.status).toBe(403);
    expect(bySelf.body.message).toBe("Solo il coordinatore dell'unità assegna il case manager.");
    const toOtherUnit = await post('coord.iii', `/api/cases/${eviction.caseId}/case-manager`, {
      accountId: d.ids['carla.v'],
    });
    expect(toOtherUnit.status).toBe(400);
    expect(toOtherUnit.body.message).toBe(
      "Il case manager deve essere un assistente sociale o un coordinatore attivo dell'unità III.",
    );

    const assigned = await post('coord.iii', `/api/cases/${eviction.caseId}/case-manager`, {
      accountId: d.ids['anna.iii'],
      reason: 'Conosce già il nucleo',
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.caseManager).toEqual({
      id: d.ids['anna.iii'],
      displayName: 'Anna Bianchi',
    });
    expect(await board('unassigned=true')).not.toContain(eviction.caseNumber);
    expect(await board(`caseManagerId=${d.ids['anna.iii']}`)).toContain(eviction.caseNumber);
    const again = await post('coord.iii', `/api/cases/${eviction.caseId}/case-manager`, {
      accountId: d.ids['anna.iii'],
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Anna Bianchi è già il case manager di questa cartella.');
    const inbox = await get('anna.iii', '/api/notifications');
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        kind: 'case-assigned',
        caseNumber: eviction.caseNumber,
        link: `/casi/${eviction.caseNumber}`,
      }),
    ]);
    const [logged] = await d.db.query(
      `SELECT username, reason FROM access_log WHERE case_id = $1 AND action = 'update' AND entity = 'case'`,
      [eviction.caseId],
    );
    expect(logged).toEqual({ username: 'coord.iii', reason: 'Conosce già il nucleo' });
  });

  it('a Prefettura date recorded from the case file moves the path to the census, once', async () => {
    // Nothing to record while the path is still at the take in charge.
    expect(await available(eviction.caseId)).toEqual([]);
    await takeInCharge(eviction.caseNumber);
    const [wait] = await awaited(eviction.caseId);
    expect(wait).toEqual({
      kind: 'eviction-date',
      label: WAIT_FOR_DATE,
      authority: 'Prefettura',
      processInstanceKey: eviction.key,
      pathName: SGOMBERO,
      stepName: WAIT_FOR_DATE,
      fields: [
        { key: 'evictionDate', label: 'Data dello sgombero', type: 'date', required: true },
        {
          key: 'communicatedOn',
          label: 'Data della comunicazione della Prefettura',
          type: 'date',
          required: false,
        },
        {
          key: 'reference',
          label: 'Protocollo della comunicazione',
          type: 'text',
          required: false,
        },
      ],
    });
    const detail = await get('anna.iii', `/api/cases/${eviction.caseId}`);
    // The step waited on, not the sub-process around it (the wait that closes the chases).
    expect(detail.body.pathInstances[0].currentSteps).toEqual([
      { elementId: 'evictionDateSet', name: WAIT_FOR_DATE },
    ]);

    const path = `/api/cases/${eviction.caseId}/decisions`;
    const decision = {
      kind: 'eviction-date',
      processInstanceKey: eviction.key,
      fields: { evictionDate: '2026-04-16', reference: 'Prot. 4521/2026' },
      note: 'Comunicazione ricevuta via PEC.',
    };
    // Refused: no date; a decision this path does not wait for; a document not of the case;
    // the front office; another unit.
    const noDate = await post('anna.iii', path, { ...decision, fields: { reference: 'x' } });
    expect(noDate.status).toBe(400);
    expect(noDate.body.details).toEqual([
      { field: 'fields.evictionDate', messages: ['campo obbligatorio'] },
    ]);
    const otherKind = await post('anna.iii', path, {
      ...decision,
      kind: 'adoption-closed',
      fields: { decreeDate: '2026-03-01' },
    });
    expect(otherKind.status).toBe(409);
    expect(otherKind.body.message).toMatch(/^Il percorso non attende più questa decisione/);
    const noDocument = await post('anna.iii', path, {
      ...decision,
      documentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noDocument.status).toBe(400);
    expect(noDocument.body.details[0].field).toBe('documentId');
    expect((await post('front.iii', path, decision)).status).toBe(403);
    expect((await post('carla.v', path, decision)).status).toBe(404);
    expect(await d.db.query(`SELECT 1 FROM case_decision`)).toEqual([]);

    const recorded = await post('anna.iii', path, decision);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      kind: 'eviction-date',
      label: WAIT_FOR_DATE,
      pathName: SGOMBERO,
      stepName: WAIT_FOR_DATE,
      details: [
        {
          key: 'evictionDate',
          label: 'Data dello sgombero',
          value: '2026-04-16',
          text: '16/04/2026',
        },
        {
          key: 'reference',
          label: 'Protocollo della comunicazione',
          value: 'Prot. 4521/2026',
          text: 'Prot. 4521/2026',
        },
      ],
      note: 'Comunicazione ricevuta via PEC.',
      recordedBy: 'Anna Bianchi',
      documentId: null,
    });

    // The path moved on: the census is Anna's, due on the Prefettura's date, which is the deadline.
    const census = await c.mine('anna.iii', eviction.caseNumber, CENSUS);
    expect(census.dueDate).toBe('2026-04-16T22:00:00.000Z');
    await c.deadlineCount(eviction.caseId, 1);
    expect((await d.deadlines(eviction.caseId))[0]).toMatchObject({
      kind: 'eviction-date',
      dueDate: '2026-04-16',
    });
    expect(await available(eviction.caseId)).toEqual([]);
    const twice = await post('coord.iii', path, decision);
    expect(twice.status).toBe(409);
    const listed = await get('coord.iii', path);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: recorded.body.id, status: 'delivered' }),
    ]);
    // Published once, under the decision's id, with the variable the model reads.
    const messages = await d.db.query(
      `SELECT name, correlation_key, variables FROM message WHERE message_id = $1`,
      [`case-decision-${recorded.body.id}`],
    );
    expect(messages).toEqual([
      {
        name: 'data-sgombero-fissata',
        correlation_key: eviction.caseNumber,
        variables: { evictionDate: '2026-04-16', evictionReference: 'Prot. 4521/2026' },
      },
    ]);
    expect(await d.server.app.get(MessageOutbox).pending()).toBe(0);
    const [logged] = await d.db.query(
      `SELECT username, entity_id FROM access_log WHERE action = 'create' AND entity = 'decision'`,
    );
    expect(logged).toEqual({ username: 'anna.iii', entity_id: recorded.body.id });
  });

  it('a colleague holding one of its tasks reads the case but writes neither diary nor decisions; a manager with a grant only reads', async () => {
    const census = await c.mine('anna.iii', eviction.caseNumber, CENSUS);
    const handed = await post('coord.iii', `/api/tasks/${census.id}/assign`, {
      username: 'bruno.iii',
    });
    expect(handed.status).toBe(200);
    const granted = await post('coord.iii', `/api/cases/${eviction.caseId}/grants`, {
      managerId: d.ids.boss,
      reason: 'Verifica della gestione dello sgombero',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(granted.status).toBe(201);
    const note = { kind: 'note', occurredAt: '2026-03-03T09:00:00Z', text: 'Sopralluogo.' };
    for (const who of ['bruno.iii', 'boss']) {
      expect((await get(who, `/api/cases/${eviction.caseId}`)).status).toBe(200);
      expect((await get(who, `/api/cases/${eviction.caseId}/decisions`)).status).toBe(200);
      const diary = await post(who, `/api/cases/${eviction.caseId}/diary`, note);
      expect(diary.status).toBe(403);
    }
    const bruno = await post('bruno.iii', `/api/cases/${eviction.caseId}/diary`, note);
    expect(bruno.body.message).toBe(
      "Scrivono nel diario il case manager e il coordinatore dell'unità.",
    );
    const boss = await post('boss', `/api/cases/${eviction.caseId}/diary`, note);
    expect(boss.body.message).toBe('Il dirigente può consultare la cartella, non modificarla.');
    expect((await post('anna.iii', `/api/cases/${eviction.caseId}/diary`, note)).status).toBe(201);
    // Back to the case manager for the rest.
    await post('coord.iii', `/api/tasks/${census.id}/assign`, { username: 'anna.iii' });
  });

  it('a new case manager gets the path’s next tasks; the timeline tells it all by names', async () => {
    const moved = await post('coord.iii', `/api/cases/${eviction.caseId}/case-manager`, {
      accountId: d.ids['bruno.iii'],
      reason: 'Riequilibrio dei carichi di lavoro',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.caseManager.displayName).toBe('Bruno Neri');
    // The census stays with Anna, who holds it; what comes after is Bruno's.
    const census = await c.mine('anna.iii', eviction.caseNumber, CENSUS);
    await d.complete('anna.iii', census, {
      censusDate: '2026-04-10',
      building: { address: 'Via Maqueda 100, Palermo', condition: 'unsafe' },
      occupants: [
        {
          lastName: 'Bruno',
          firstName: 'Rosa',
          birthDate: '1950-02-11',
          household: 'Nucleo 1',
          fragile: true,
          legalStatus: 'citizen',
          proposedSolution: 'alternativeAccommodation',
        },
      ],
      proposals: 'Alloggio temporaneo per la signora Bruno.',
    });
    await c.mine('bruno.iii', eviction.caseNumber, 'Assistenza allo sgombero ed esito');

    const timeline = await get('coord.iii', `/api/cases/${eviction.caseId}/timeline`);
    expect(timeline.status).toBe(200);
    const items: Array<{
      type: string;
      at: string;
      title: string;
      text?: string;
      author?: string;
    }> = timeline.body;
    const titles = items.map((i) => i.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        `Percorso avviato: ${SGOMBERO}`,
        `Avviato: Presa in carico: assegnazione del case manager (${SGOMBERO})`,
        'Avviato: Assegnare il case manager (Presa in carico: assegnazione del case manager)',
        `In attesa: ${WAIT_FOR_DATE} (${SGOMBERO})`,
        `Avvenuto: ${WAIT_FOR_DATE} (${SGOMBERO})`,
        `Concluso: ${CENSUS} (${SGOMBERO})`,
        `Decisione registrata: ${WAIT_FOR_DATE}`,
        'Case manager assegnato: Anna Bianchi',
        'Case manager assegnato: Bruno Neri',
      ]),
    );
    // In the order things happened: the path, its take in charge, the step inside it.
    const order = [
      `Percorso avviato: ${SGOMBERO}`,
      `Avviato: Presa in carico: assegnazione del case manager (${SGOMBERO})`,
      'Avviato: Assegnare il case manager (Presa in carico: assegnazione del case manager)',
      `Concluso: Presa in carico: assegnazione del case manager (${SGOMBERO})`,
      `Avvenuto: ${WAIT_FOR_DATE} (${SGOMBERO})`,
      `Avviato: ${CENSUS} (${SGOMBERO})`,
    ].map((title) => titles.indexOf(title));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    // No element or process ids, no usernames.
    expect(JSON.stringify(titles)).not.toMatch(
      /evictionDateSet|takeInCharge|assignCaseManager|census"|pre-valutazione-sgombero|presa-in-carico|\.iii/,
    );
    expect(items.find((i) => i.type === 'decision')).toMatchObject({
      text: 'Data dello sgombero: 16/04/2026\nProtocollo della comunicazione: Prot. 4521/2026\nComunicazione ricevuta via PEC.',
      author: 'Anna Bianchi',
    });
    expect(items.filter((i) => i.type === 'case-manager')).toEqual([
      expect.objectContaining({
        text: 'In precedenza: nessuno\nConosce già il nucleo',
        author: 'Carmela Russo',
      }),
      expect.objectContaining({
        text: 'In precedenza: Anna Bianchi\nRiequilibrio dei carichi di lavoro',
      }),
    ]);
    expect(items.find((i) => i.type === 'diary')).toMatchObject({ author: 'Anna Bianchi' });
    const instants = items.map((i) => Date.parse(i.at));
    expect(instants).toEqual([...instants].sort((x, y) => x - y));
  });

  it('an engine that cannot take the message: the decision waits, cannot be recorded twice meanwhile, and arrives once', async () => {
    const other = await openOn('evictionPreAssessment', 'Caruso');
    await takeInCharge(other.caseNumber);
    const [wait] = await awaited(other.caseId);
    const publish = jest
      .spyOn(d.engine, 'publishMessage')
      .mockRejectedValue(new Error('engine unreachable'));
    try {
      const decision = {
        kind: wait.kind,
        processInstanceKey: wait.processInstanceKey,
        fields: { evictionDate: '2026-05-12' },
      };
      const path = `/api/cases/${other.caseId}/decisions`;
      // Two people record it at the same moment: one is kept.
      const both = await Promise.all([
        post('coord.iii', path, decision),
        post('anna.iii', path, decision),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      const recorded = both.find((r) => r.status === 201)!;
      expect(recorded.body.status).toBe('pending');
      expect(await d.server.app.get(MessageOutbox).pending()).toBe(1);
      // Pending: not offered again, refused if sent again.
      expect(await available(other.caseId)).toEqual([]);
      expect((await post('anna.iii', path, decision)).status).toBe(409);
    } finally {
      publish.mockRestore();
    }
    // The outbox tries again after its back-off.
    d.clock.advance(60_000);
    await d.server.app.get(MessageOutbox).flush();
    await d.engine.settle();
    const census = await c.mine('anna.iii', other.caseNumber, CENSUS);
    expect(census.dueDate).toBe('2026-05-12T22:00:00.000Z');
    const listed = await get('anna.iii', `/api/cases/${other.caseId}/decisions`);
    expect(listed.body.map((x: { status: string }) => x.status)).toEqual(['delivered']);
    expect(
      await d.db.query(`SELECT 1 FROM case_decision WHERE case_id = $1`, [other.caseId]),
    ).toHaveLength(1);
  });

  it('a minors’ court decree is recorded on the path the urgent request called, and the hearing follows', async () => {
    const urgent = await openOn('urgentRequest', 'Marino');
    // The duty social worker triages the same day, before anyone is assigned the case.
    const triage = await d.task(
      'anna.iii',
      urgent.caseNumber,
      'Triage della richiesta urgente',
      'unit-unassigned',
    );
    await d.complete('anna.iii', triage, {
      requestSource: 'line114',
      concernsMinor: true,
      situation: 'Bambino di 6 anni trovato solo in casa dalle forze dell’ordine.',
      urgentOutcome: 'art403Placement',
      placementTime: '2026-03-02T02:15+01:00',
      placementPlace: 'Comunità di pronta accoglienza',
      pmOralNoticeAt: '2026-03-02T02:30+01:00',
      pmOralNoticeTo: 'dott.ssa Lo Presti',
    });
    await takeInCharge(urgent.caseNumber);
    await c.doMine(
      'anna.iii',
      urgent.caseNumber,
      'Trasmettere al PM provvedimento e relazione (art. 403)',
      {
        pmReportSentAt: '2026-03-02T18:00+01:00',
        pmReportSummary: 'Minore collocato in comunità; genitori irreperibili.',
      },
    );
    const [wait] = await awaited(urgent.caseId);
    const [minors] = await d.db.query(
      `SELECT key::text FROM process_instance WHERE parent_process_instance_key = $1 AND bpmn_process_id = 'tutela-minori'`,
      [urgent.key],
    );
    expect(wait).toMatchObject({
      kind: 'urgent-removal-validation',
      authority: 'Tribunale per i Minorenni',
      processInstanceKey: minors.key,
      pathName: 'Minori e famiglia: tutela, affido, comunità, passaggio dopo EIAM',
      stepName: 'Decisione del Tribunale sulla convalida',
      fields: expect.arrayContaining([
        {
          key: 'outcome',
          label: 'Esito',
          type: 'choice',
          required: true,
          options: [
            { value: 'validated', label: 'Provvedimento convalidato' },
            { value: 'revoked', label: 'Provvedimento revocato' },
          ],
        },
        {
          key: 'hearingDate',
          label: "Data dell'udienza",
          type: 'date',
          required: false,
          requiredWhen: { field: 'outcome', value: 'validated' },
        },
      ]),
    });
    const detail = await get('anna.iii', `/api/cases/${urgent.caseId}`);
    expect(detail.body.pathInstances[0]).toMatchObject({
      name: 'Richiesta urgente: triage in giornata',
      currentSteps: [{ elementId: 'minors', name: 'Tutela minori' }],
    });

    const path = `/api/cases/${urgent.caseId}/decisions`;
    const decree = {
      kind: 'urgent-removal-validation',
      processInstanceKey: minors.key,
      fields: { outcome: 'validated', decreeDate: '2026-03-04', docketNumber: 'R.G. 123/2026' },
    };
    const noHearing = await post('anna.iii', path, decree);
    expect(noHearing.status).toBe(400);
    expect(noHearing.body.details).toEqual([
      {
        field: 'fields.hearingDate',
        messages: ['obbligatorio quando «Esito» è «Provvedimento convalidato»'],
      },
    ]);
    const recorded = await post('anna.iii', path, {
      ...decree,
      fields: { ...decree.fields, hearingDate: '2026-03-16' },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.details.map((x: { text: string }) => x.text)).toEqual([
      'Provvedimento convalidato',
      '16/03/2026',
      '04/03/2026',
      'R.G. 123/2026',
    ]);
    const hearing = await c.mine(
      'anna.iii',
      urgent.caseNumber,
      "Relazione per l'udienza al Tribunale",
    );
    expect(hearing.dueDate).toBe('2026-03-16T23:00:00.000Z');
    const timeline = await get('anna.iii', `/api/cases/${urgent.caseId}/timeline`);
    expect(timeline.body.map((i: { title: string }) => i.title)).toEqual(
      expect.arrayContaining([
        'Avvenuto: Decisione del Tribunale sulla convalida (Minori e famiglia: tutela, affido, comunità, passaggio dopo EIAM)',
      ]),
    );
  });

  it('names the mandated paths for the search; a failed step shows on its path’s diagram, inside a called process too', async () => {
    const paths = await get('bruno.iii', '/api/cases/paths');
    expect(paths.status).toBe(200);
    expect(paths.body).toHaveLength(15);
    expect(paths.body).toContainEqual({
      bpmnProcessId: 'pre-valutazione-sgombero',
      name: SGOMBERO,
      path: 'evictionPreAssessment',
    });
    expect(paths.body.map((p: { bpmnProcessId: string }) => p.bpmnProcessId)).not.toContain(
      'presa-in-carico',
    );

    const stuck = await openOn('evictionPreAssessment', 'Ferrara');
    const [child] = await d.db.query(
      `SELECT key::text, bpmn_process_id FROM process_instance WHERE parent_process_instance_key = $1`,
      [stuck.key],
    );
    const process = async () =>
      (await get('coord.iii', `/api/cases/${stuck.caseId}/process`)).body[0];
    expect(await process()).toMatchObject({
      activeElementIds: ['takeInCharge'],
      incidentElementIds: [],
    });
    // A job of the called take in charge failed for good: its call step is where the path stops.
    await d.db.query(
      `INSERT INTO incident (key, process_instance_key, bpmn_process_id, element_id, element_instance_key,
                             error_type, error_message, state, created_at)
       VALUES (990001, $1, $2, 'assignCaseManager', 990002, 'JOB_NO_RETRIES', 'prova', 'ACTIVE', now())`,
      [child.key, child.bpmn_process_id],
    );
    try {
      expect((await process()).incidentElementIds).toEqual(['takeInCharge']);
      const detail = await get('coord.iii', `/api/cases/${stuck.caseId}`);
      expect(detail.body.pathInstances[0].incidents).toBe(1);
    } finally {
      await d.db.query(`UPDATE incident SET state = 'RESOLVED' WHERE key = 990001`);
    }
    expect((await process()).incidentElementIds).toEqual([]);
  });
});

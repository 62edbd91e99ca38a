import { endOfRomeDay, plusDays } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import { quiet } from './path-steps';

/**
 * Urgent requests driven over HTTP. The triage is the first step, done by whoever of the unit's
 * social workers is on duty, before the coordinator assigns a case manager: due the same day
 * (also on a Saturday), or, for a request that came out of hours (pronto intervento sociale), by
 * the next working morning. It routes to the minors path (art. 403 timers), violence, the
 * elderly, a protected hospital discharge or a plain take in charge; a triage not done in time
 * goes to the coordinator.
 */
describe('richiesta-urgente', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const triage = 'Triage della richiesta urgente';
  const assign = 'Assegnare il case manager';
  const begin = async (surname: string) => {
    const opened = await d.openCase(surname, 'Luca');
    const key = await d.startPath('richiesta-urgente', opened);
    return { ...opened, key };
  };
  /** The duty social worker finds the triage among the unit's unassigned tasks, claims and completes it. */
  const doTriage = async (caseNumber: string, data: Record<string, unknown>, who = 'anna.iii') => {
    const task = await d.task(who, caseNumber, triage, 'unit-unassigned');
    await d.complete(who, task, data);
  };
  const assignTo = (caseNumber: string, who = 'anna.iii') =>
    d.do('coord.iii', caseNumber, assign, { caseManagerId: d.ids[who] });
  /** The processes the instance called, by process id. */
  const called = async (key: string): Promise<string[]> => {
    let ids: string[] = [];
    await c.until(async () => {
      const rows = await d.db.query(
        `SELECT bpmn_process_id FROM process_instance WHERE parent_process_instance_key = $1 ORDER BY started_at, key`,
        [key],
      );
      ids = rows.map((r: { bpmn_process_id: string }) => r.bpmn_process_id);
      return ids.length > 0;
    }, `a process called by ${key}`);
    return ids;
  };
  /** The variables the task's form opens with (GET /api/tasks/:id/variables). */
  const formVariables = async (who: string, taskId: string): Promise<Record<string, unknown>> => {
    const response = await d.server.request('GET', `/api/tasks/${taskId}/variables`, d.as(who));
    if (response.status !== 200) throw new Error(`variables: ${response.status}`);
    return response.body;
  };
  /** The variables of an instance that ended. */
  const finalVariables = async (key: string): Promise<Record<string, unknown>> => {
    await c.completed(key);
    const [row] = await d.db.query(`SELECT variables FROM process_instance WHERE key = $1`, [key]);
    return row.variables;
  };

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  it('the triage is the first step: the duty social worker has it as soon as the request is opened, due the same day, before any assignment', async () => {
    const u = await begin('Esposito');
    // Monday 2 March, 10:00 in Rome: nobody assigned yet, the task is the unit's.
    const task = await d.task('bruno.iii', u.caseNumber, triage, 'unit-unassigned');
    expect(task.assignee).toBeNull();
    expect(task.dueDate).toBe('2026-03-02T23:00:00.000Z');
    await c.deadlinesAre(u.caseId, [['urgent-triage', '2026-03-02', 'running']]);
    expect(await c.openTasks('coord.iii', u.caseNumber, 'unit')).toEqual([triage]);
    expect(await c.openTasks('carla.v', u.caseNumber, 'unit-unassigned')).toEqual([]);
    expect(await formVariables('bruno.iii', task.id)).toMatchObject({
      outOfHours: false,
      handledBy: 'dutySocialWorker',
    });
    await d.complete('bruno.iii', task, {
      requestSource: 'police',
      situation: 'Adulto senza dimora in ipotermia, accolto in dormitorio.',
      urgentOutcome: 'handled',
    });
    // Then the coordinator assigns the case manager, and the request is done.
    await c.deadlinesAre(u.caseId, [['urgent-triage', '2026-03-02', 'met']]);
    await assignTo(u.caseNumber, 'bruno.iii');
    await c.completed(u.key);
    expect(await c.reached(u.key, 'handled')).toBe(true);
  });

  it('a child placed at night: triage the same day, then the assignment, then the minors path runs the 24-hour PM report from the placement', async () => {
    const u = await begin('Marino');
    await doTriage(u.caseNumber, {
      requestSource: 'line114',
      concernsMinor: true,
      situation: 'Bambino di 6 anni trovato solo in casa dalle forze dell’ordine.',
      urgentOutcome: 'art403Placement',
      placementTime: '2026-03-02T02:15+01:00',
      placementPlace: 'Comunità di pronta accoglienza',
      pmOralNoticeAt: '2026-03-02T02:30+01:00',
      pmOralNoticeTo: 'dott.ssa Lo Presti',
    });
    // The minors path is called with the art. 403 track and asks for the one assignment.
    expect(await called(u.key)).toEqual(['tutela-minori']);
    await assignTo(u.caseNumber);
    const pm = await c.mine(
      'anna.iii',
      u.caseNumber,
      'Trasmettere al PM provvedimento e relazione (art. 403)',
    );
    expect(pm.dueDate).toBe('2026-03-03T01:15:00.000Z');
    expect(await c.openTasks('coord.iii', u.caseNumber, 'unit')).toEqual([
      'Trasmettere al PM provvedimento e relazione (art. 403)',
    ]);
    await c.deadlinesAre(u.caseId, [
      ['art403-pm-report', '2026-03-03', 'running'],
      ['urgent-triage', '2026-03-02', 'met'],
    ]);
    await d.complete('anna.iii', pm, {
      pmReportSentAt: '2026-03-02T18:00+01:00',
      pmReportSummary: 'Minore collocato in comunità; genitori irreperibili.',
    });
    await c.publishWhenAwaited('decisione-tm-403', u.caseNumber, { decreeOutcome: 'revoked' });
    await c.completed(u.key);
    expect(await c.reached(u.key, 'toMinors')).toBe(true);
  });

  it('violence against a woman goes on in violenza-donne, which assigns the case manager once; the request ends when that path ends', async () => {
    const v = await begin('Greco');
    await doTriage(v.caseNumber, {
      requestSource: 'codeRed',
      situation: 'Donna accompagnata dai carabinieri dopo una denuncia di maltrattamenti.',
      urgentOutcome: 'violence',
    });
    expect(await called(v.key)).toEqual(['violenza-donne']);
    await assignTo(v.caseNumber);
    await c.mine('anna.iii', v.caseNumber, 'Valutazione del rischio (SARA-S)');
    expect(await c.openTasks('coord.iii', v.caseNumber, 'unit')).toEqual([
      'Valutazione del rischio (SARA-S)',
    ]);
    // The request stays open while the violence path runs, and ends with it.
    const coded = (current: string) => ({ current, past: current });
    await c.doMine('anna.iii', v.caseNumber, 'Valutazione del rischio (SARA-S)', {
      offender: 'Ex compagno',
      assessmentDate: '2026-03-02',
      sources: ['victimInterview'],
      partnerViolence: {
        physicalSexual: coded('probablyPresent'),
        threats: coded('notPresent'),
        escalation: coded('notPresent'),
        ordersViolated: coded('notPresent'),
        minimisation: coded('notPresent'),
      },
      offenderAdjustment: {
        criminalRecord: coded('notPresent'),
        relationshipProblems: coded('present'),
        workFinancialProblems: coded('notPresent'),
        substanceAbuse: coded('notPresent'),
        mentalDisorder: coded('notPresent'),
      },
      riskLevel: 'low',
    });
    await c.doMine('anna.iii', v.caseNumber, 'Piano di sicurezza con il centro antiviolenza', {
      safetyMeasures: 'Ospitalità presso la sorella; numero di emergenza.',
    });
    expect(await d.state(v.key)).toBe('ACTIVE');
    await c.doMine('anna.iii', v.caseNumber, 'Monitoraggio con la rete', {
      monitoringDate: '2026-03-05',
      situation: 'Al sicuro; percorso con il centro antiviolenza avviato.',
      monitoringOutcome: 'close',
    });
    await c.completed(v.key);
    expect(await c.reached(v.key, 'toViolence')).toBe(true);
  });

  it('an elderly person, and an elderly person discharged from hospital, go on in anziani-domiciliarita; the request ends when that path ends', async () => {
    const e = await begin('Lombardo');
    await doTriage(e.caseNumber, {
      requestSource: 'police',
      situation: 'Anziana sola trovata confusa in strada.',
      urgentOutcome: 'elderly',
    });
    expect(await called(e.key)).toEqual(['anziani-domiciliarita']);
    await assignTo(e.caseNumber);
    await c.doMine('anna.iii', e.caseNumber, 'Prima valutazione (SVAMA, parte sociale)', {
      civilStatus: 'widowed',
      pension: 'minimumOrSocial',
      civilInvalidity: 'no',
      attendanceAllowance: 'no',
      requestReason: 'loneliness',
      requestedBy: 'socialWorker',
      requestType: 'generic',
    });
    expect(await d.state(e.key)).toBe('ACTIVE');
    await c.doMine('anna.iii', e.caseNumber, 'Valutazione multidimensionale (UVM)', {
      uvmDate: '2026-03-04',
      careSetting: 'notEligible',
      uvmNotes: 'Episodio isolato: autonoma, la rete familiare è presente.',
    });
    // The request ends when the elderly path it went on in ends.
    await c.completed(e.key);
    expect(await c.reached(e.key, 'toElderly')).toBe(true);

    const h = await begin('Bianchi');
    await doTriage(h.caseNumber, {
      requestSource: 'hospital',
      situation: 'Uomo di 84 anni, vive solo, dimissione prevista a giorni.',
      urgentOutcome: 'hospitalDischarge',
      dischargeDate: '2026-03-06',
      dischargeHospital: 'Ospedale Civico, Medicina interna',
      personIsElderly: true,
    });
    expect(await called(h.key)).toEqual(['anziani-domiciliarita']);
  });

  it('a protected discharge of a younger person: assignment, then the case manager’s project with the health service by the discharge date', async () => {
    const p = await begin('Ferrara');
    await doTriage(p.caseNumber, {
      requestSource: 'hospital',
      situation: 'Donna di 52 anni senza rete familiare, esiti di ictus.',
      urgentOutcome: 'hospitalDischarge',
      dischargeDate: '2026-03-10',
    });
    expect(await called(p.key)).toEqual(['presa-in-carico']);
    await assignTo(p.caseNumber);
    const project = await c.mine(
      'anna.iii',
      p.caseNumber,
      'Dimissione protetta: progetto con il servizio sanitario',
    );
    expect(project.dueDate).toBe('2026-03-10T23:00:00.000Z');
    await c.deadlinesAre(p.caseId, [
      ['protected-discharge', '2026-03-10', 'running'],
      ['urgent-triage', '2026-03-02', 'met'],
    ]);
    await d.complete('anna.iii', project, { completedOn: '2026-03-05' });
    await c.completed(p.key);
    expect(await c.reached(p.key, 'dischargePlanned')).toBe(true);
  });

  it('a child to follow without placement: the minors path asks for the track; a triage missed on the day goes to the coordinator', async () => {
    const m = await begin('Costa');
    await doTriage(m.caseNumber, {
      requestSource: 'hospital',
      concernsMinor: true,
      situation: 'Neonato dimesso, madre senza rete familiare.',
      urgentOutcome: 'minorsFollowUp',
    });
    await assignTo(m.caseNumber);
    await c.mine('anna.iii', m.caseNumber, 'Scegliere la traccia di tutela');
    expect(await c.openTasks('coord.iii', m.caseNumber, 'unit')).toEqual([
      'Scegliere la traccia di tutela',
    ]);

    const late = await begin('Ricci');
    await d.task('anna.iii', late.caseNumber, triage, 'unit-unassigned');
    await d.moveTo('2026-03-03T07:00:00.000Z');
    await d.do('coord.iii', late.caseNumber, 'Svolgere subito il triage non svolto in giornata', {
      requestSource: 'police',
      situation: 'Adulto senza dimora in ipotermia.',
      urgentOutcome: 'handled',
    });
    await assignTo(late.caseNumber);
    await c.completed(late.key);
    expect(await c.reached(late.key, 'handled')).toBe(true);
    expect(await c.reached(late.key, 'closeTriage')).toBe(false);
  });

  it('on a Saturday within the duty hours the triage is still due the same day (the term stands)', async () => {
    await d.moveTo('2026-03-07T10:00:00.000Z');
    const s = await begin('Gallo');
    const task = await d.task('anna.iii', s.caseNumber, triage, 'unit-unassigned');
    expect(task.dueDate).toBe('2026-03-07T23:00:00.000Z');
    await c.deadlinesAre(s.caseId, [['urgent-triage', '2026-03-07', 'running']]);
    expect(await c.openTasks('coord.iii', s.caseNumber, 'unit')).toEqual([triage]);
  });

  it('out of hours the pronto intervento sociale handles the request; the triage is due the next working morning and records who handled it', async () => {
    // Saturday 7 March, 22:30 in Rome: the next working morning is Monday 9 March.
    await d.moveTo('2026-03-07T21:30:00.000Z');
    const n = await begin('Rizzo');
    const task = await d.task('anna.iii', n.caseNumber, triage, 'unit-unassigned');
    expect(task.dueDate).toBe('2026-03-09T11:00:00.000Z');
    await c.deadlinesAre(n.caseId, [['urgent-triage', '2026-03-09', 'running']]);
    expect(await c.reached(n.key, 'startTriageNextMorning')).toBe(true);
    expect(await c.reached(n.key, 'startTriage')).toBe(false);
    // The form opens with the request marked as out of hours and handled by the PIS.
    expect(await formVariables('anna.iii', task.id)).toMatchObject({
      outOfHours: true,
      handledBy: 'pis',
      requestReceivedAt: '2026-03-07T21:30:00Z',
    });

    // Monday morning the duty social worker does the triage with what the PIS did.
    await d.moveTo('2026-03-09T08:00:00.000Z');
    await d.complete('anna.iii', task, {
      requestSource: 'police',
      situation: 'Donna con due figli senza alloggio dopo un incendio.',
      pisIntervention: 'Operatore PIS: accoglienza notturna in struttura di emergenza alle 23:15.',
      urgentOutcome: 'handled',
    });
    await c.deadlinesAre(n.caseId, [['urgent-triage', '2026-03-09', 'met']]);
    await assignTo(n.caseNumber);
    expect(await finalVariables(n.key)).toMatchObject({
      outOfHours: true,
      handledBy: 'pis',
      pisIntervention: expect.stringContaining('accoglienza notturna'),
    });

    // A request at 02:00 on a working day, before the opening: due that same morning.
    await d.moveTo('2026-03-10T01:00:00.000Z');
    const early = await begin('Conte');
    const earlyTask = await d.task('anna.iii', early.caseNumber, triage, 'unit-unassigned');
    expect(earlyTask.dueDate).toBe('2026-03-10T11:00:00.000Z');
    await c.deadlinesAre(early.caseId, [['urgent-triage', '2026-03-10', 'running']]);
  });

  it('a proroga of the triage re-arms it on a new task due the new day: the old term no longer calls the coordinator', async () => {
    const x = await begin('Amato');
    const first = await d.task('anna.iii', x.caseNumber, triage, 'unit-unassigned');
    await c.deadlineCount(x.caseId, 1);
    const [term] = await d.deadlines(x.caseId);
    const newDue = plusDays(term.dueDate, 1);
    await c.extend(x.caseId, term.id, {
      newDueDate: newDue,
      reason: 'Segnalante da risentire domani con la scuola',
    });
    await c.deadlinesAre(x.caseId, [['urgent-triage', newDue, 'running']]);
    // The boundary event took the task: a new one, still the unit's, replaces it.
    let rearmed = first;
    await c.until(async () => {
      rearmed = await d.task('anna.iii', x.caseNumber, triage, 'unit-unassigned');
      return rearmed.id !== first.id;
    }, 'the re-armed triage');
    expect(rearmed.dueDate).toBe(endOfRomeDay(newDue));
    expect((await c.timers(x.key)).triageOverdue).toBe(endOfRomeDay(newDue));

    // Past the first term: nothing for the coordinator, the triage is still the unit's.
    await d.moveTo(new Date(Date.parse(first.dueDate!) + 60_000).toISOString());
    await quiet(d);
    expect(await c.openTasks('coord.iii', x.caseNumber, 'unit')).toEqual([triage]);
    await d.complete('anna.iii', rearmed, {
      requestSource: 'other',
      situation: 'Ragazzo di 17 anni allontanatosi da casa, rientrato.',
      urgentOutcome: 'handled',
    });
    await c.deadlinesAre(x.caseId, [['urgent-triage', newDue, 'met']]);
    await assignTo(x.caseNumber);
    await c.completed(x.key);
    expect(await c.reached(x.key, 'triageExtended')).toBe(true);
    expect(await c.reached(x.key, 'triageLate')).toBe(false);
  });
});

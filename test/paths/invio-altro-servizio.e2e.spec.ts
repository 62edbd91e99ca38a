import { TaskReconciler } from '../../src/tasks/task-reconciler';
import { read } from './model-checks';
import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';
import {
  act,
  activeTimers,
  eventually,
  extend,
  openTaskNames,
  quiet,
  stepDone,
} from './path-steps';

const referralSent = (sentOn: string, answerDueDate?: string) => ({
  serviceType: 'mentalHealth',
  referralService: 'CSM Palermo Distretto 42, via Gaetano La Loggia',
  serviceContact: 'Dott.ssa Caruso, 091 0000001',
  referralReason: 'Ansia e isolamento da mesi; la persona chiede un sostegno psicologico.',
  sendingMethod: 'pec',
  sendingReference: 'Prot. 1234/2026',
  documentsSent: ['referralLetter', 'socialReport', 'consent'],
  sentOn,
  ...(answerDueDate ? { answerDueDate } : {}),
});

/**
 * Invio ad altro servizio (issue 14): the case manager refers the person of an open case to
 * another service and follows it up: the answer within a date (entered, or 30 days from
 * sending), reminder and coordinator's step when it passes, then a check that the service
 * really took the person in charge (60 days by default). Started over HTTP on a case the
 * coordinator opened with its case manager, with no presa-in-carico call.
 */
describe('invio-altro-servizio', () => {
  // Monday 2 March 2026, 10:00 in Rome.
  const d = new PathDriver();
  let caseId: string;
  let caseNumber: string;
  let key: string;

  const inbox = async (who: string) =>
    (
      (await d.server.request('GET', '/api/notifications', d.as(who))).body.items as Array<{
        kind: string;
        subject: string;
      }>
    ).map((n) => `${n.kind}: ${n.subject}`);
  const rows = async () =>
    (await d.deadlines(caseId))
      .map((x) => [x.kind, x.dueDate, x.status])
      .sort((a, b) => a.join().localeCompare(b.join()));
  const startReferralPath = async (who: string, reason: string) => {
    const started = await d.server.request('POST', `/api/cases/${caseId}/paths`, {
      ...d.as(who),
      body: { path: 'serviceReferral', reason },
    });
    expect(started.status).toBe(201);
    await quiet(d);
    const running = started.body.pathInstances.filter(
      (p: { bpmnProcessId: string; state: string }) =>
        p.bpmnProcessId === 'invio-altro-servizio' && p.state === 'ACTIVE',
    );
    expect(running).toHaveLength(1);
    return running[0].processInstanceKey as string;
  };
  /** The tasklist takes out at once the tasks the engine ended (interrupted, terminated). */
  const reconciled = async () => {
    await quiet(d);
    await d.server.app.get(TaskReconciler).reconcileNow();
  };

  beforeAll(async () => {
    await d.start();
    const person = await d.server.request('POST', '/api/persons', {
      ...d.as('front.iii'),
      body: { surname: 'Licata', name: 'Giovanni' },
    });
    const opened = await d.server.request('POST', '/api/cases', {
      ...d.as('coord.iii'),
      body: { personId: person.body.id, caseManagerId: d.ids['anna.iii'] },
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.id;
    caseNumber = opened.body.caseNumber;
  }, 60_000);
  afterAll(() => d.stop());

  it('documents its basis (L. 328/2000 art. 22) and terms, and runs with no take in charge', () => {
    const xml = read('paths/invio-altro-servizio.bpmn');
    expect(xml).toMatch(/<bpmn:documentation>[^<]*L\. 328\/2000 art\. 22[^<]*Termini/);
    expect(xml).not.toContain('processId="presa-in-carico"');
  });

  it('the case manager starts it on the open case; no take-in-charge: the case manager follows it', async () => {
    key = await startReferralPath('anna.iii', 'Ansia e isolamento: invio al CSM');
    const task = await d.task(
      'anna.iii',
      caseNumber,
      "Registrare l'invio ad altro servizio",
      'mine',
    );
    expect(task.assignee).toBe('anna.iii');
    expect(await openTaskNames(d, 'carla.v', caseNumber)).toEqual([]);
    const caseFile = await d.server.request('GET', `/api/cases/${caseId}`, d.as('coord.iii'));
    expect(caseFile.body.caseManager.id).toBe(d.ids['anna.iii']);
  });

  it('on a case with no case manager yet, the coordinator first names who follows the referral', async () => {
    const person = await d.server.request('POST', '/api/persons', {
      ...d.as('front.iii'),
      body: { surname: 'Messina', name: 'Carla' },
    });
    const unassigned = await d.server.request('POST', '/api/cases', {
      ...d.as('coord.iii'),
      body: { personId: person.body.id },
    });
    const started = await d.server.request('POST', `/api/cases/${unassigned.body.id}/paths`, {
      ...d.as('coord.iii'),
      body: { path: 'serviceReferral' },
    });
    expect(started.status).toBe(201);
    await quiet(d);
    await act(
      d,
      'coord.iii',
      unassigned.body.caseNumber,
      "Indicare il case manager che segue l'invio",
      {
        caseManagerId: d.ids['bruno.iii'],
      },
    );
    const task = await d.task(
      'bruno.iii',
      unassigned.body.caseNumber,
      "Registrare l'invio ad altro servizio",
      'mine',
    );
    expect(task.assignee).toBe('bruno.iii');
  });

  it('no date entered: the answer is due 30 days after sending, as a case deadline with its timer', async () => {
    await act(
      d,
      'anna.iii',
      caseNumber,
      "Registrare l'invio ad altro servizio",
      referralSent('2026-03-02'),
    );
    expect(await rows()).toEqual([['service-referral-answer', '2026-04-01', 'running']]);
    const [deadline] = await d.deadlines(caseId);
    expect(deadline.legalBasis).toContain('nessun termine di legge');
    const task = await d.task(
      'anna.iii',
      caseNumber,
      'Registrare la risposta del servizio',
      'mine',
    );
    // Over when 1 April ends in Rome (summer time).
    expect(task.dueDate).toBe('2026-04-01T22:00:00.000Z');
    expect(await activeTimers(d, key)).toEqual([
      { elementId: 'answerOverdue', dueAt: '2026-04-01T22:00:00.000Z' },
    ]);
  });

  it('the case manager is reminded before the date; when it passes she chases and the coordinator steps in, the answer still awaited', async () => {
    await d.moveTo('2026-03-26T07:00:00.000Z');
    await d.escalate();
    await quiet(d);
    expect(await inbox('anna.iii')).toContain(
      `deadline-near: Scadenza vicina: Risposta del servizio a cui la persona è stata inviata (${caseNumber})`,
    );
    // The last minute of 1 April: nothing yet.
    await d.moveTo('2026-04-01T21:59:00.000Z');
    await quiet(d);
    expect(await openTaskNames(d, 'coord.iii', caseNumber)).toEqual([
      'Registrare la risposta del servizio',
    ]);
    await d.moveTo('2026-04-01T22:00:01.000Z');
    await quiet(d);
    await eventually(async () => (await openTaskNames(d, 'coord.iii', caseNumber)).length === 3);
    expect(await openTaskNames(d, 'coord.iii', caseNumber)).toEqual([
      'Registrare la risposta del servizio',
      'Risposta del servizio non arrivata: intervenire',
      'Sollecitare la risposta del servizio',
    ]);
    expect(await openTaskNames(d, 'anna.iii', caseNumber)).toEqual([
      'Registrare la risposta del servizio',
      'Sollecitare la risposta del servizio',
    ]);
    await d.escalate();
    await quiet(d);
    expect(await rows()).toEqual([['service-referral-answer', '2026-04-01', 'breached']]);
    await act(d, 'anna.iii', caseNumber, 'Sollecitare la risposta del servizio', {
      chasedOn: '2026-04-02',
      chaseMethod: 'phone',
      chaseNotes: 'La segreteria del CSM fisserà il colloquio entro la settimana.',
    });
    await act(d, 'coord.iii', caseNumber, 'Risposta del servizio non arrivata: intervenire', {
      escalatedOn: '2026-04-02',
      escalationAction: 'contactedManagement',
    });
    expect(await d.state(key)).toBe('ACTIVE');
  });

  it('the answer is recorded late; the check that the service took her in charge is due 60 days after the answer', async () => {
    await d.moveTo('2026-04-03T08:00:00.000Z');
    await act(d, 'anna.iii', caseNumber, 'Registrare la risposta del servizio', {
      serviceAnswer: 'appointmentSet',
      answerReceivedOn: '2026-04-03',
      answerContact: 'Dott.ssa Caruso',
      takeInChargeDate: '2026-04-10',
      answerSummary: 'Primo colloquio fissato al CSM.',
      referralFollowUp: 'verify',
    });
    // 3 April + 60 days = 2 June (a holiday: a date, not a term, so it stands).
    expect(await rows()).toEqual([
      ['service-referral-answer', '2026-04-01', 'breached'],
      ['service-referral-check', '2026-06-02', 'running'],
    ]);
    const check = await d.task(
      'anna.iii',
      caseNumber,
      'Verificare la presa in carico da parte del servizio',
      'mine',
    );
    expect(check.dueDate).toBe('2026-06-02T22:00:00.000Z');
    expect(await activeTimers(d, key)).toEqual([
      { elementId: 'checkOverdue', dueAt: '2026-06-02T22:00:00.000Z' },
    ]);
  });

  it('a check not done in time is signalled to the coordinator; done, it ends the path and the coordinator’s reminder with it', async () => {
    await d.moveTo('2026-06-02T22:00:01.000Z');
    await quiet(d);
    await d.task('coord.iii', caseNumber, 'Verifica della presa in carico scaduta: sollecitare');
    await act(d, 'anna.iii', caseNumber, 'Verificare la presa in carico da parte del servizio', {
      checkedOn: '2026-06-03',
      takenInChargeConfirmed: 'confirmed',
      checkSummary: 'Segue colloqui quindicinali al CSM; la persona conferma.',
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    await reconciled();
    // Left to the coordinator: only the app's own escalations of the breached answer deadline
    // and of the answer task past its due date (deadline-escalation), not this path's reminder.
    expect(await openTaskNames(d, 'coord.iii', caseNumber)).toEqual([
      'Valutare la scadenza superata',
      'Valutare la scadenza superata',
    ]);
    expect((await rows()).find((r) => r[0] === 'service-referral-check')).toEqual([
      'service-referral-check',
      '2026-06-02',
      'met',
    ]);
  });

  it('started again, with a date entered: that date is the deadline, a proroga re-arms it, an answer in time closes it', async () => {
    key = await startReferralPath('coord.iii', 'Nuovo invio: centro per l’impiego');
    await act(d, 'anna.iii', caseNumber, "Registrare l'invio ad altro servizio", {
      ...referralSent('2026-06-03', '2026-07-15'),
      serviceType: 'jobCentre',
      referralService: "Centro per l'impiego di Palermo",
    });
    const answer = (await d.deadlines(caseId)).find(
      (x) => x.kind === 'service-referral-answer' && x.status === 'running',
    )!;
    expect(answer.dueDate).toBe('2026-07-15');
    expect(await activeTimers(d, key)).toEqual([
      { elementId: 'answerOverdue', dueAt: '2026-07-15T22:00:00.000Z' },
    ]);
    const extended = await extend(d, caseId, answer.id, {
      newDueDate: '2026-07-31',
      grantedBy: "Centro per l'impiego",
    });
    expect(extended.status).toBe(201);
    await eventually(async () =>
      (await activeTimers(d, key)).some((t) => t.dueAt === '2026-07-31T22:00:00.000Z'),
    );
    expect(await activeTimers(d, key)).toEqual([
      { elementId: 'answerOverdue', dueAt: '2026-07-31T22:00:00.000Z' },
    ]);
    await d.moveTo('2026-07-20T08:00:00.000Z');
    await reconciled();
    expect(await openTaskNames(d, 'anna.iii', caseNumber)).toEqual([
      'Registrare la risposta del servizio',
    ]);
    await act(d, 'anna.iii', caseNumber, 'Registrare la risposta del servizio', {
      serviceAnswer: 'takenInCharge',
      answerReceivedOn: '2026-07-20',
      takeInChargeDate: '2026-07-20',
      referralFollowUp: 'close',
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect((await d.deadlines(caseId)).find((x) => x.id === answer.id)).toMatchObject({
      dueDate: '2026-07-31',
      status: 'met',
    });
    expect(await rows()).toHaveLength(3);
  });

  it('a date already past is refused on the referral form', async () => {
    key = await startReferralPath('anna.iii', 'Invio alla scuola');
    const task = await d.task(
      'anna.iii',
      caseNumber,
      "Registrare l'invio ad altro servizio",
      'mine',
    );
    const refused = await d.server.request('POST', `/api/tasks/${task.id}/complete`, {
      ...d.as('anna.iii'),
      body: { variables: referralSent('2026-07-20', '2026-07-01') },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((x: { field: string }) => x.field)).toEqual(['answerDueDate']);
    // Without the date the 30 days apply.
    await act(
      d,
      'anna.iii',
      caseNumber,
      "Registrare l'invio ad altro servizio",
      referralSent('2026-07-20'),
    );
    expect(await rows()).toContainEqual(['service-referral-answer', '2026-08-19', 'running']);
  });

  it('the coordinator handles the late check before the case manager does it: the reminder ends on its own and the check is still awaited', async () => {
    const today = () => d.clock.now().toISOString().slice(0, 10);
    const checkOn = new Date(d.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    await act(d, 'anna.iii', caseNumber, 'Registrare la risposta del servizio', {
      serviceAnswer: 'appointmentSet',
      answerReceivedOn: today(),
      takeInChargeDate: today(),
      referralFollowUp: 'verify',
      checkDueDate: checkOn,
    });
    const check = await d.task(
      'anna.iii',
      caseNumber,
      'Verificare la presa in carico da parte del servizio',
      'mine',
    );
    const [timer] = await activeTimers(d, key);
    expect(timer).toEqual({ elementId: 'checkOverdue', dueAt: check.dueDate });
    expect(timer.dueAt.slice(0, 10)).toBe(checkOn);
    await d.moveTo(new Date(Date.parse(timer.dueAt) + 1000).toISOString());
    await quiet(d);
    await act(
      d,
      'coord.iii',
      caseNumber,
      'Verifica della presa in carico scaduta: sollecitare',
      stepDone(today(), 'Sollecitata la scuola per telefono'),
    );
    // The reminder has its own end; the path waits for the check.
    await eventually(() => new PathChecks(d).reached(key, 'checkLateNoticed'));
    expect(await d.state(key)).toBe('ACTIVE');
    expect(await openTaskNames(d, 'anna.iii', caseNumber)).toEqual([
      'Verificare la presa in carico da parte del servizio',
    ]);
    await act(d, 'anna.iii', caseNumber, 'Verificare la presa in carico da parte del servizio', {
      checkedOn: today(),
      takenInChargeConfirmed: 'confirmed',
      checkSummary: 'La scuola conferma il progetto con lo sportello di ascolto.',
    });
    await eventually(async () => (await d.state(key)) === 'COMPLETED');
    expect((await d.deadlines(caseId)).find((x) => x.dueDate === checkOn)).toMatchObject({
      kind: 'service-referral-check',
      status: 'met',
    });
  });
});

import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';

/**
 * The minors path driven over HTTP: the first step chooses the track; art. 403 (the oral notice
 * to the PM, 24 hours from the placement that no weekend extends, the court's decision by
 * message or from the case file, watched at 72 and 120 hours, the hearing), the court mandate
 * (the decree's report interval and end date, checked against art. 5-bis; the responsible person
 * within 15 days of notification), foster care (24 months), the post-EIAM handover (a date set
 * on the form), and the periodic reports to the judge in a loop.
 */
describe('tutela-minori', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const choose = 'Scegliere la traccia di tutela';
  const report = 'Relazione periodica al giudice';
  const courtReport = {
    reportAuthority: 'juvenileCourt',
    docketNumber: '123/2026 V.G.',
    childObservation: 'Il bambino è sereno in comunità, frequenta la scuola.',
    assessment: 'risk',
    proposals: 'Proseguire la misura e gli incontri protetti.',
  };
  const oralNotice = (at: string) => ({
    pmOralNoticeAt: at,
    pmOralNoticeTo: 'Dott.ssa Lombardo, PM di turno',
  });
  /** An instant `hours` from now on the test clock, as a form writes it. */
  const hoursFromNow = (hours: number) =>
    new Date(d.clock.now().getTime() + hours * 3_600_000).toISOString().slice(0, 16) + '+00:00';
  const plusHours = (at: string, hours: number) =>
    new Date(Date.parse(at) + hours * 3_600_000).toISOString();
  /** The day of an instant in Rome, as deadlines and decisions write it. */
  const romeDay = (at: string) =>
    new Date(at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
  const decisions = (caseId: string, who = 'anna.iii') =>
    d.server.request('GET', `/api/cases/${caseId}/decisions/available`, d.as(who));
  const record = (caseId: string, body: Record<string, unknown>, who = 'anna.iii') =>
    d.server.request('POST', `/api/cases/${caseId}/decisions`, { ...d.as(who), body });
  const begin = async (surname: string, track: Record<string, unknown>) => {
    const opened = await d.openCase(surname, 'Sara');
    const key = await d.startPath('tutela-minori', opened);
    await d.do('coord.iii', opened.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    await c.doMine('anna.iii', opened.caseNumber, choose, track);
    return { ...opened, key };
  };

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  it('art. 403: the PM report is due 24 hours after the placement; late, the coordinator sends it; the court validates by message and sets the hearing', async () => {
    const opened = await d.openCase('Esposito', 'Sara');
    const key = await d.startPath('tutela-minori', opened);
    await d.do('coord.iii', opened.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    const track = await c.mine('anna.iii', opened.caseNumber, choose);
    expect(await c.openTasks('carla.v', opened.caseNumber, 'mine')).toEqual([]);
    // An urgent removal needs the placement time.
    const refused = await d.server.request('POST', `/api/tasks/${track.id}/complete`, {
      ...d.as('anna.iii'),
      body: { variables: { minorsTrack: 'urgentRemoval', measureType: 'placement' } },
    });
    expect(refused.status).toBe(400);
    // An urgent removal needs the placement time and the oral notice given at once to the PM.
    expect(refused.body.details.map((p: { field: string }) => p.field)).toEqual([
      'placementTime',
      'pmOralNoticeAt',
      'pmOralNoticeTo',
    ]);
    // Placed on Sunday night at 23:30 in Rome.
    await d.complete('anna.iii', track, {
      minorsTrack: 'urgentRemoval',
      measureType: 'placement',
      judicialAuthority: 'juvenileProsecutor',
      placementTime: '2026-03-01T23:30+01:00',
      ...oralNotice('2026-03-01T23:45+01:00'),
    });
    const pm = await c.mine(
      'anna.iii',
      opened.caseNumber,
      'Trasmettere al PM provvedimento e relazione (art. 403)',
    );
    expect(pm.dueDate).toBe('2026-03-02T22:30:00.000Z');
    expect((await c.timers(key)).pmReportOverdue).toBe('2026-03-02T22:30:00.000Z');
    await c.deadlinesAre(opened.caseId, [['art403-pm-report', '2026-03-02', 'running']]);

    // 24 hours pass: the coordinator sends it at once; the deadline is breached.
    await d.moveTo('2026-03-02T23:30:00.000Z');
    const late = await d.task(
      'coord.iii',
      opened.caseNumber,
      'Trasmettere subito al PM la relazione in ritardo',
    );
    await d.escalate();
    await d.complete('coord.iii', late, {
      pmReportSentAt: '2026-03-03T00:40+01:00',
      pmReportSummary: 'Collocazione in comunità dopo la segnalazione delle forze dell’ordine.',
    });
    await c.deadlinesAre(opened.caseId, [['art403-pm-report', '2026-03-02', 'breached']]);

    // The court validates and sets the hearing: a deadline fixed by the order.
    await c.publishWhenAwaited('decisione-tm-403', opened.caseNumber, {
      decreeOutcome: 'validated',
      hearingDate: '2026-03-16',
    });
    await c.deadlineCount(opened.caseId, 2);
    const hearing = await c.mine(
      'anna.iii',
      opened.caseNumber,
      "Relazione per l'udienza al Tribunale",
    );
    expect(hearing.dueDate).toBe('2026-03-16T23:00:00.000Z');
    await d.complete('anna.iii', hearing, { ...courtReport, reportType: 'start' });
    // Reports every 6 months from now (3 March in Rome): 3 September.
    await c.deadlinesAre(opened.caseId, [
      ['art403-pm-report', '2026-03-02', 'breached'],
      ['court-periodic-report', '2026-09-03', 'running'],
      ['tm-hearing', '2026-03-16', 'met'],
    ]);
    await c.doMine('anna.iii', opened.caseNumber, report, {
      ...courtReport,
      reportType: 'closureRequest',
    });
    await c.completed(key);
    expect(await c.reached(key, 'measureEnded')).toBe(true);
  });

  it('art. 403: 24 hours from a Friday placement end on Saturday; no decree 72 and 120 hours after the report: the case manager checks, the coordinator verifies the lapse; the decree recorded later still moves the path', async () => {
    await d.moveTo('2026-03-06T17:00:00.000Z');
    // Opened on the path from the case file, so the decree can be recorded there.
    const person = await d.server.request('POST', '/api/persons', {
      ...d.as('front.iii'),
      body: { surname: 'Ferrara', name: 'Sara' },
    });
    const opened = await d.server.request('POST', '/api/cases', {
      ...d.as('coord.iii'),
      body: { personId: person.body.id, path: 'minors' },
    });
    expect(opened.status).toBe(201);
    const u = {
      caseId: opened.body.id as string,
      caseNumber: opened.body.caseNumber as string,
      key: opened.body.pathInstances[0].processInstanceKey as string,
    };
    await d.do('coord.iii', u.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    await c.doMine('anna.iii', u.caseNumber, choose, {
      minorsTrack: 'urgentRemoval',
      measureType: 'placement',
      judicialAuthority: 'juvenileProsecutor',
      placementTime: '2026-03-06T18:00+01:00',
      ...oralNotice('2026-03-06T18:10+01:00'),
    });
    // Friday 6 March at 18:00: 24 hours end on Saturday; a term in hours does not roll to Monday.
    const pm = await c.mine(
      'anna.iii',
      u.caseNumber,
      'Trasmettere al PM provvedimento e relazione (art. 403)',
    );
    expect(pm.dueDate).toBe('2026-03-07T17:00:00.000Z');
    await c.deadlinesAre(u.caseId, [['art403-pm-report', '2026-03-07', 'running']]);
    // Sent on Saturday at 10:00: the PM has 72 hours to ask for validation, the court 48 more.
    await d.complete('anna.iii', pm, {
      pmReportSentAt: '2026-03-07T10:00+01:00',
      pmReportSummary: 'Collocazione in comunità dopo la segnalazione della scuola.',
    });
    await c.deadlinesAre(u.caseId, [['art403-pm-report', '2026-03-07', 'met']]);
    await c.until(
      async () => Object.keys(await c.timers(u.key)).length === 2,
      'the timers of the wait for the decree',
    );
    expect(await c.timers(u.key)).toEqual({
      validationRequestDue: '2026-03-10T09:00:00.000Z',
      validationDecreeDue: '2026-03-12T09:00:00.000Z',
    });
    const check = 'Verificare che il PM abbia chiesto la convalida (72 ore)';
    const lapse =
      'Nessun decreto di convalida in 120 ore: verificare con il Tribunale se il provvedimento è inefficace e disporre';
    await d.moveTo('2026-03-10T08:59:00.000Z');
    expect(await c.openTasks('coord.iii', u.caseNumber, 'unit')).toEqual([]);

    // 72 hours: the case manager checks that the PM asked for validation.
    await d.moveTo('2026-03-10T09:01:00.000Z');
    const checked = await c.mine('anna.iii', u.caseNumber, check);
    expect(checked.dueDate).toBe('2026-03-12T09:00:00.000Z');
    expect(await c.openTasks('coord.iii', u.caseNumber, 'unit')).toEqual([check]);
    await d.complete('anna.iii', checked, {
      actionTaken: 'La Procura conferma la richiesta di convalida depositata il 9 marzo.',
    });

    // 120 hours and no decree: the measure may have lapsed; the coordinator verifies.
    await d.moveTo('2026-03-12T09:01:00.000Z');
    const lapsed = await d.task('coord.iii', u.caseNumber, lapse);
    expect(lapsed.assignee).toBeNull();
    expect(await c.reached(u.key, 'courtDecision')).toBe(false);

    // The decree arrives afterwards, recorded from the case file: the path moves to the hearing.
    const available = await d.server.request(
      'GET',
      `/api/cases/${u.caseId}/decisions/available`,
      d.as('anna.iii'),
    );
    // The decree first; the PM's request, never recorded, can still be.
    expect(available.body).toMatchObject([
      { kind: 'urgent-removal-validation', processInstanceKey: u.key },
      { kind: 'urgent-removal-validation-request', processInstanceKey: u.key },
    ]);
    const recorded = await d.server.request('POST', `/api/cases/${u.caseId}/decisions`, {
      ...d.as('anna.iii'),
      body: {
        kind: 'urgent-removal-validation',
        processInstanceKey: u.key,
        fields: { outcome: 'validated', decreeDate: '2026-03-12', hearingDate: '2026-03-24' },
      },
    });
    expect(recorded.status).toBe(201);
    const hearing = await c.mine('anna.iii', u.caseNumber, "Relazione per l'udienza al Tribunale");
    expect(hearing.dueDate).toBe('2026-03-24T23:00:00.000Z');
    expect(await c.reached(u.key, 'courtDecision')).toBe(true);
    // The coordinator's verification stays open until done: it did not stop the path.
    await d.complete('coord.iii', lapsed, {
      actionTaken: 'Decreto di convalida depositato in ritardo: misura confermata dal Tribunale.',
    });
    await c.deadlinesAre(u.caseId, [
      ['art403-pm-report', '2026-03-07', 'met'],
      ['tm-hearing', '2026-03-24', 'running'],
    ]);
  });

  it('court mandate: the responsible person within 15 days of notification (Easter), a reminder to the coordinator when late, a proroga re-arms, reports every 6 months until closure', async () => {
    await d.moveTo('2026-03-20T09:00:00.000Z');
    const m = await begin('Romano', {
      minorsTrack: 'courtMandate',
      measureType: 'vigilanceSupport',
      judicialAuthority: 'juvenileCourt',
      decreeDate: '2026-03-10',
      notificationDate: '2026-03-20',
    });
    const name = 'Comunicare il nome del responsabile al TM, ai genitori e al tutore';
    const first = await c.mine('anna.iii', m.caseNumber, name);
    // 20 Mar + 15 days = Sat 4 Apr; Sunday 5 (Easter), Monday 6 (Easter Monday) → Tue 7 Apr.
    expect(first.dueDate).toBe('2026-04-07T22:00:00.000Z');
    await c.deadlineCount(m.caseId, 1);
    const [responsible] = await d.deadlines(m.caseId);
    expect(responsible).toMatchObject({ kind: 'mandate-responsible', dueDate: '2026-04-07' });

    // Late: the coordinator is asked to act; the case manager's task stays open.
    await d.moveTo('2026-04-08T08:00:00.000Z');
    await d.do('coord.iii', m.caseNumber, 'Sollecitare la comunicazione del responsabile', {
      actionTaken: 'Sollecitata la comunicazione per le vie brevi.',
    });
    expect((await c.mine('anna.iii', m.caseNumber, name)).id).toBe(first.id);

    // The court grants more time: the model re-arms its timer on a new task.
    await c.extend(m.caseId, responsible.id, {
      newDueDate: '2026-04-15',
      grantedBy: 'Tribunale per i Minorenni',
    });
    const rearmed = await c.mine('anna.iii', m.caseNumber, name, first.id);
    expect(rearmed.dueDate).toBe('2026-04-15T22:00:00.000Z');
    expect((await c.timers(m.key)).responsibleOverdue).toBe('2026-04-15T22:00:00.000Z');
    await d.complete('anna.iii', rearmed, {
      responsibleName: 'Anna, assistente sociale',
      responsibleCommunicatedOn: '2026-04-08',
      responsibleRecipients: ['court', 'parents'],
    });
    await c.deadlineCount(m.caseId, 2);
    await d.moveTo('2026-10-01T08:00:00.000Z');
    await c.doMine('anna.iii', m.caseNumber, report, { ...courtReport, reportType: 'monitoring' });
    await c.deadlinesAre(m.caseId, [
      ['court-periodic-report', '2026-10-08', 'met'],
      ['court-periodic-report', '2027-04-01', 'running'],
      ['mandate-responsible', '2026-04-15', 'met'],
    ]);
    await c.doMine('anna.iii', m.caseNumber, report, {
      ...courtReport,
      reportType: 'closureRequest',
    });
    await c.completed(m.key);
    expect(await c.reached(m.key, 'closeFosterEnd')).toBe(false);
  });

  it('foster care runs at most 24 months from its start, closed when the closure is asked', async () => {
    const f = await begin('Gallo', { minorsTrack: 'fosterCare', measureType: 'placement' });
    await c.doMine('anna.iii', f.caseNumber, 'Progetto di affido o di collocamento in comunità', {
      projectStartDate: '2026-10-01',
      expectedMonths: 24,
      fosterCarers: 'nonRelatives',
      reasons: 'Genitori temporaneamente non in grado di occuparsi del figlio.',
    });
    // 1 Oct 2028 is a Sunday → Mon 2 Oct.
    await c.deadlinesAre(f.caseId, [
      ['court-periodic-report', '2027-04-01', 'running'],
      ['foster-care-end', '2028-10-02', 'running'],
    ]);
    await c.doMine('anna.iii', f.caseNumber, report, {
      ...courtReport,
      reportType: 'closureRequest',
    });
    await c.completed(f.key);
    await c.deadlinesAre(f.caseId, [
      ['court-periodic-report', '2027-04-01', 'met'],
      ['foster-care-end', '2028-10-02', 'met'],
    ]);
  });

  it('post-EIAM handover: the meeting date is set on the form; missed, the coordinator decides', async () => {
    const h = await begin('Fontana', {
      minorsTrack: 'postEiamHandover',
      measureType: 'vigilanceSupport',
    });
    await c.doMine(
      'anna.iii',
      h.caseNumber,
      "Fissare l'incontro di passaggio con Tutela Minori ed EIAM",
      {
        handoverMeetingDueDate: '2026-10-20',
        participants: 'Tutela Minori, EIAM, servizio di comunità',
      },
    );
    await c.deadlinesAre(h.caseId, [['eiam-handover-meeting', '2026-10-20', 'running']]);
    await d.moveTo('2026-10-21T08:00:00.000Z');
    await d.do(
      'coord.iii',
      h.caseNumber,
      'Incontro di passaggio non tenuto nei termini: disporre',
      {
        actionTaken: 'Incontro riconvocato con Tutela Minori.',
      },
    );
    await c.completed(h.key);
    expect(await c.reached(h.key, 'handoverEscalated')).toBe(true);
  });

  it('court mandate: the decree sets reports every 3 months and the end date; an end beyond 24 months is refused; before the end a reminder, at the end the coordinator', async () => {
    const name = 'Comunicare il nome del responsabile al TM, ai genitori e al tutore';
    const decree = {
      minorsTrack: 'courtMandate',
      measureType: 'placement',
      judicialAuthority: 'juvenileCourt',
      decreeDate: '2026-10-12',
      notificationDate: '2026-10-19',
    };
    const opened = await d.openCase('Greco', 'Sara');
    const key = await d.startPath('tutela-minori', opened);
    await d.do('coord.iii', opened.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    const track = await c.mine('anna.iii', opened.caseNumber, choose);
    // The form refuses an interval over 6 months (art. 5-bis c. 2 lett. h).
    const refused = await d.server.request('POST', `/api/tasks/${track.id}/complete`, {
      ...d.as('anna.iii'),
      body: { variables: { ...decree, reportIntervalMonths: 7 } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((p: { field: string }) => p.field)).toEqual([
      'reportIntervalMonths',
    ]);
    // An end date 25 months after the decree: the path does not take it, it asks to correct it.
    await d.complete('anna.iii', track, {
      ...decree,
      reportIntervalMonths: 3,
      mandateEndDate: '2028-11-12',
    });
    const fix = await c.mine(
      'anna.iii',
      opened.caseNumber,
      "Correggere periodicità delle relazioni e durata dell'affidamento secondo il decreto",
    );
    expect(await d.deadlines(opened.caseId)).toEqual([]);
    await d.complete('anna.iii', fix, {
      decreeDate: '2026-10-12',
      reportIntervalMonths: 3,
      mandateEndDate: '2027-10-12',
    });
    // The mandate's end is a deadline on the decree's date; 15 days from the notification.
    await c.deadlinesAre(opened.caseId, [
      ['mandate-end', '2027-10-12', 'running'],
      ['mandate-responsible', '2026-11-03', 'running'],
    ]);
    const [end] = (await d.deadlines(opened.caseId)).filter((x) => x.kind === 'mandate-end');
    expect(end.legalBasis).toContain('art. 5-bis');
    expect(await c.timers(key)).toMatchObject({
      mandateEndSoon: '2027-08-13T22:00:00.000Z',
      mandateEndReached: '2027-10-12T22:00:00.000Z',
    });
    await c.doMine('anna.iii', opened.caseNumber, name, {
      responsibleName: 'Anna, assistente sociale',
      responsibleCommunicatedOn: '2026-10-21',
      responsibleRecipients: ['court', 'parents'],
    });
    // Reports every 3 months, not 6.
    const first = await c.mine('anna.iii', opened.caseNumber, report);
    expect(first.dueDate).toBe('2027-01-21T23:00:00.000Z');
    await c.deadlinesAre(opened.caseId, [
      ['court-periodic-report', '2027-01-21', 'running'],
      ['mandate-end', '2027-10-12', 'running'],
      ['mandate-responsible', '2026-11-03', 'met'],
    ]);
    await d.moveTo('2027-01-20T09:00:00.000Z');
    await d.complete('anna.iii', first, { ...courtReport, reportType: 'monitoring' });
    const second = await c.mine('anna.iii', opened.caseNumber, report, first.id);
    expect(second.dueDate).toBe('2027-04-20T22:00:00.000Z');
    await d.moveTo('2027-04-19T09:00:00.000Z');
    await d.complete('anna.iii', second, { ...courtReport, reportType: 'monitoring' });
    const third = await c.mine('anna.iii', opened.caseNumber, report, second.id);
    await d.moveTo('2027-07-19T09:00:00.000Z');
    await d.complete('anna.iii', third, { ...courtReport, reportType: 'monitoring' });
    await c.deadlinesAre(opened.caseId, [
      ['court-periodic-report', '2027-01-21', 'met'],
      ['court-periodic-report', '2027-04-20', 'met'],
      ['court-periodic-report', '2027-07-19', 'met'],
      ['court-periodic-report', '2027-10-19', 'running'],
      ['mandate-end', '2027-10-12', 'running'],
      ['mandate-responsible', '2026-11-03', 'met'],
    ]);

    // 60 days before the end: the case manager prepares the request for a proroga or the closure.
    const soon =
      'Affidamento al servizio in scadenza: preparare la richiesta di proroga o la relazione di chiusura';
    const ended = 'Affidamento al servizio scaduto: chiedere la proroga al Tribunale o chiudere';
    await d.moveTo('2027-08-14T08:00:00.000Z');
    const reminder = await c.mine('anna.iii', opened.caseNumber, soon);
    expect(reminder.dueDate).toBe('2027-10-12T22:00:00.000Z');
    expect(await c.openTasks('coord.iii', opened.caseNumber, 'unit')).not.toContain(ended);
    await d.complete('anna.iii', reminder, {
      actionTaken: 'Chiesto al Tribunale di valutare la chiusura alla scadenza.',
    });
    // The end date passes: the coordinator decides; the deadline is breached.
    await d.moveTo('2027-10-13T06:00:00.000Z');
    const decide = await d.task('coord.iii', opened.caseNumber, ended);
    await d.escalate();
    await d.complete('coord.iii', decide, {
      actionTaken: 'Richiesta la chiusura al Tribunale con la relazione finale.',
    });
    await c.doMine('anna.iii', opened.caseNumber, report, {
      ...courtReport,
      reportType: 'closureRequest',
    });
    await c.completed(key);
    await c.deadlinesAre(opened.caseId, [
      ['court-periodic-report', '2027-01-21', 'met'],
      ['court-periodic-report', '2027-04-20', 'met'],
      ['court-periodic-report', '2027-07-19', 'met'],
      ['court-periodic-report', '2027-10-19', 'met'],
      ['mandate-end', '2027-10-12', 'breached'],
      ['mandate-responsible', '2026-11-03', 'met'],
    ]);
  });

  it('art. 403 from the urgent request (case manager and track already given): the PM’s request for validation is recorded once from the case file, the 72-hour check is then asked of nobody, the court revokes and the track ends', async () => {
    const person = await d.server.request('POST', '/api/persons', {
      ...d.as('front.iii'),
      body: { surname: 'Marino', name: 'Sara' },
    });
    const urgent = await d.server.request('POST', '/api/cases', {
      ...d.as('coord.iii'),
      // The case manager is known when the request comes: the duty social worker's own case.
      body: { personId: person.body.id, path: 'urgentRequest', caseManagerId: d.ids['anna.iii'] },
    });
    expect(urgent.status).toBe(201);
    const opened = {
      caseId: urgent.body.id as string,
      caseNumber: urgent.body.caseNumber as string,
    };
    const placementTime = hoursFromNow(-2);
    const triage = await d.task(
      'anna.iii',
      opened.caseNumber,
      'Triage della richiesta urgente',
      'unit-unassigned',
    );
    await d.complete('anna.iii', triage, {
      requestSource: 'line114',
      concernsMinor: true,
      situation: 'Bambina di 8 anni lasciata sola in casa di notte.',
      urgentOutcome: 'art403Placement',
      placementTime,
      placementPlace: 'Comunità di pronta accoglienza',
      ...oralNotice(hoursFromNow(-1.75)),
    });
    // The minors' path starts with both: nobody assigns or chooses the track again.
    const pm = await c.mine(
      'anna.iii',
      opened.caseNumber,
      'Trasmettere al PM provvedimento e relazione (art. 403)',
    );
    const [{ key }] = await d.db.query(
      `SELECT key::text FROM process_instance WHERE parent_process_instance_key = $1 AND bpmn_process_id = 'tutela-minori'`,
      [urgent.body.pathInstances[0].processInstanceKey],
    );
    expect(pm.dueDate).toBe(plusHours(placementTime, 24));
    expect(await c.reached(key, 'takeInCharge')).toBe(false);
    expect(await c.reached(key, 'chooseTrack')).toBe(false);
    const sentAt = hoursFromNow(0);
    await d.complete('anna.iii', pm, {
      pmReportSentAt: sentAt,
      pmReportSummary: 'Collocazione in comunità su segnalazione dei Carabinieri.',
    });
    await c.until(
      async () => Object.keys(await c.timers(key)).length === 2,
      'the timers of the wait for the decree',
    );
    expect(await c.timers(key)).toEqual({
      validationRequestDue: plusHours(sentAt, 72),
      validationDecreeDue: plusHours(sentAt, 120),
    });

    // A day later the Procura tells the service it asked for validation: recorded from the case file.
    await d.moveTo(plusHours(sentAt, 26));
    const awaited = await decisions(opened.caseId);
    expect(awaited.body).toMatchObject([
      { kind: 'urgent-removal-validation', stepName: 'Decisione del Tribunale sulla convalida' },
      {
        kind: 'urgent-removal-validation-request',
        processInstanceKey: key,
        authority: 'Procura presso il Tribunale per i Minorenni',
        stepName: 'Richiesta di convalida del PM',
        fields: [
          { key: 'requestDate', type: 'date', required: true },
          { key: 'docketNumber', type: 'text', required: false },
        ],
      },
    ]);
    const requestDate = romeDay(plusHours(sentAt, 20));
    const request = {
      kind: 'urgent-removal-validation-request',
      processInstanceKey: key,
      fields: { requestDate, docketNumber: 'R.G. 45/2027 PM' },
    };
    const recorded = await record(opened.caseId, request);
    expect(recorded.status).toBe(201);
    await c.until(
      async () => c.reached(key, 'pmValidationRequestRecorded'),
      'the request to reach the path',
    );
    // The path still waits for the decree, and the request is not offered twice.
    expect(await c.reached(key, 'courtDecision')).toBe(false);
    expect((await decisions(opened.caseId)).body).toMatchObject([
      { kind: 'urgent-removal-validation', processInstanceKey: key },
    ]);
    const twice = await record(opened.caseId, request, 'coord.iii');
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/^Il percorso non attende più questa decisione/);
    const listed = await d.server.request(
      'GET',
      `/api/cases/${opened.caseId}/decisions`,
      d.as('anna.iii'),
    );
    expect(listed.body).toMatchObject([
      { kind: 'urgent-removal-validation-request', status: 'delivered' },
    ]);

    // 72 hours: the request is on record, so no check is asked of the case manager.
    await d.moveTo(plusHours(sentAt, 71.9));
    expect(await c.reached(key, 'validationRequestDue')).toBe(false);
    await d.moveTo(plusHours(sentAt, 72.1));
    await c.until(async () => c.reached(key, 'pmRequestAlreadyRecorded'), 'the 72-hour timer');
    expect(await c.reached(key, 'checkValidationRequest')).toBe(false);
    expect(await c.openTasks('anna.iii', opened.caseNumber, 'mine')).toEqual([]);

    // The court revokes the measure: the track ends, and the 120-hour watch with it.
    const revoked = await record(opened.caseId, {
      kind: 'urgent-removal-validation',
      processInstanceKey: key,
      fields: { outcome: 'revoked', decreeDate: romeDay(plusHours(sentAt, 90)) },
    });
    expect(revoked.status).toBe(201);
    await c.completed(key);
    expect(await c.reached(key, 'revoked')).toBe(true);
    expect(await c.timers(key)).toEqual({});
    await d.moveTo(plusHours(sentAt, 121));
    expect(await c.openTasks('coord.iii', opened.caseNumber, 'unit')).toEqual([]);
    // The urgent request's triage has its own deadline; the PM report's was met.
    expect(
      (await c.deadlineRows(opened.caseId)).filter(([kind]) => kind === 'art403-pm-report'),
    ).toEqual([['art403-pm-report', romeDay(plusHours(placementTime, 24)), 'met']]);
  });
  it('residential community: no foster-care term; a proroga of the report re-arms it on a new task; late, the coordinator urges it while the case manager’s report stays open; the closure ends the measure', async () => {
    const r = await begin('Ricci', {
      minorsTrack: 'residentialCommunity',
      measureType: 'placement',
    });
    const now = d.clock.now().getTime();
    await c.doMine('anna.iii', r.caseNumber, 'Progetto di affido o di collocamento in comunità', {
      projectStartDate: romeDay(new Date(now).toISOString()),
      expectedMonths: 12,
      fosterCarers: 'community',
      reasons: 'Madre ricoverata, nessun parente disponibile.',
      returnConditions: 'Dimissione della madre e sostegno domiciliare.',
    });
    const first = await c.mine('anna.iii', r.caseNumber, report);
    await c.deadlineCount(r.caseId, 1);
    // Only the report's term: a community placement has no foster-care maximum.
    const [term] = await d.deadlines(r.caseId);
    expect(term.kind).toBe('court-periodic-report');
    expect(await c.reached(r.key, 'startFosterEnd')).toBe(false);
    // Six months on, moved to a working day at most a few days later.
    const sixMonths = new Date(now);
    sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
    expect(term.dueDate >= romeDay(sixMonths.toISOString())).toBe(true);
    expect(term.dueDate <= romeDay(plusHours(sixMonths.toISOString(), 5 * 24))).toBe(true);
    expect(romeDay(plusHours(first.dueDate!, -0.001))).toBe(term.dueDate);
    expect((await c.timers(r.key)).reportOverdue).toBe(first.dueDate);

    // The court grants a month more: the report is asked again on a new task, due then.
    const extended = romeDay(plusHours(first.dueDate!, 30 * 24));
    await c.extend(r.caseId, term.id, {
      newDueDate: extended,
      grantedBy: 'Tribunale per i Minorenni',
    });
    const rearmed = await c.mine('anna.iii', r.caseNumber, report, first.id);
    expect(romeDay(plusHours(rearmed.dueDate!, -0.001))).toBe(extended);
    expect((await c.timers(r.key)).reportOverdue).toBe(rearmed.dueDate);

    // Late: the coordinator is asked to urge it, not before; the report stays the case manager's.
    const urge = 'Sollecitare la relazione periodica scaduta';
    await d.moveTo(plusHours(rearmed.dueDate!, -0.1));
    expect(await c.openTasks('coord.iii', r.caseNumber, 'unit')).toEqual([report]);
    await d.moveTo(plusHours(rearmed.dueDate!, 0.1));
    const late = await d.task('coord.iii', r.caseNumber, urge);
    expect(late.assignee).toBeNull();
    await d.escalate();
    await d.complete('coord.iii', late, {
      actionTaken: 'Sollecitata la relazione, da inviare entro la settimana.',
    });
    await c.until(async () => c.reached(r.key, 'reportReminded'), 'the reminder recorded');
    expect((await c.mine('anna.iii', r.caseNumber, report)).id).toBe(rearmed.id);
    await c.deadlinesAre(r.caseId, [['court-periodic-report', extended, 'breached']]);

    await d.complete('anna.iii', rearmed, { ...courtReport, reportType: 'closureRequest' });
    await c.completed(r.key);
    expect(await c.reached(r.key, 'measureEnded')).toBe(true);
    // Sent late, the report stays a breached term.
    await c.deadlinesAre(r.caseId, [['court-periodic-report', extended, 'breached']]);
  });

  it('post-EIAM handover: a proroga re-arms the meeting on a new task; held by the new date, the family’s help project starts and the term is met', async () => {
    const h = await begin('Conti', {
      minorsTrack: 'postEiamHandover',
      measureType: 'vigilanceSupport',
    });
    const now = d.clock.now().toISOString();
    const meetingBy = romeDay(plusHours(now, 20 * 24));
    await c.doMine(
      'anna.iii',
      h.caseNumber,
      "Fissare l'incontro di passaggio con Tutela Minori ed EIAM",
      {
        handoverMeetingDueDate: meetingBy,
        participants: 'Tutela Minori, EIAM, servizio di comunità',
      },
    );
    await c.deadlinesAre(h.caseId, [['eiam-handover-meeting', meetingBy, 'running']]);
    const meetingName = 'Incontro di passaggio e progetto di aiuto alla famiglia';
    const meeting = await c.mine('anna.iii', h.caseNumber, meetingName);
    expect(romeDay(plusHours(meeting.dueDate!, -0.001))).toBe(meetingBy);
    expect((await c.timers(h.key)).handoverOverdue).toBe(meeting.dueDate);

    // EIAM asks for more time: the meeting is re-armed on the new date.
    const [term] = await d.deadlines(h.caseId);
    const newDate = romeDay(plusHours(now, 35 * 24));
    await c.extend(h.caseId, term.id, { newDueDate: newDate, grantedBy: 'Tutela Minori' });
    const rearmed = await c.mine('anna.iii', h.caseNumber, meetingName, meeting.id);
    expect(romeDay(plusHours(rearmed.dueDate!, -0.001))).toBe(newDate);
    expect((await c.timers(h.key)).handoverOverdue).toBe(rearmed.dueDate);

    // The first date passes and nobody is called in.
    await d.moveTo(plusHours(now, 22 * 24));
    expect(await c.openTasks('coord.iii', h.caseNumber, 'unit')).toEqual([meetingName]);
    await d.complete('anna.iii', rearmed, {
      handoverMeetingDate: romeDay(d.clock.now().toISOString()),
      helpProject: 'Educativa domiciliare e sostegno alla genitorialità per sei mesi.',
    });
    await c.completed(h.key);
    expect(await c.reached(h.key, 'helpProjectStarted')).toBe(true);
    expect(await c.reached(h.key, 'handoverEscalated')).toBe(false);
    await c.deadlinesAre(h.caseId, [['eiam-handover-meeting', newDate, 'met']]);
  });
});

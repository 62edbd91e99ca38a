import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';

/**
 * The minors path driven over HTTP: the first step chooses the track; art. 403 (24 hours from
 * the placement, the court's decision by message, the hearing), the court mandate (the
 * responsible person within 15 days of notification), foster care (24 months), the post-EIAM
 * handover (a date set on the form), and the 6-monthly reports to the judge in a loop.
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
    expect(refused.body.details.map((p: { field: string }) => p.field)).toEqual(['placementTime']);
    // Placed on Sunday night at 23:30 in Rome.
    await d.complete('anna.iii', track, {
      minorsTrack: 'urgentRemoval',
      measureType: 'placement',
      judicialAuthority: 'juvenileProsecutor',
      placementTime: '2026-03-01T23:30+01:00',
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
});

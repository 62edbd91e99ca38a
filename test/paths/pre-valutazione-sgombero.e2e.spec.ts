import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';

/**
 * The eviction pre-assessment driven over HTTP: the Prefettura's date arrives as a message and
 * is the deadline; the case manager is reminded as it nears; a postponement is a proroga that
 * re-arms the timer; the census lists the occupants; a day passed without census goes to the
 * coordinator.
 */
describe('pre-valutazione-sgombero', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  const census = 'Censimento degli occupanti e proposte di intervento';
  const begin = async (surname: string, evictionDate: string) => {
    const opened = await d.openCase(surname, 'Giuseppe');
    const key = await d.startPath('pre-valutazione-sgombero', opened);
    await d.do('coord.iii', opened.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    await c.publishWhenAwaited('data-sgombero-fissata', opened.caseNumber, { evictionDate });
    await c.deadlineCount(opened.caseId, 1);
    return { ...opened, key };
  };
  const occupant = {
    lastName: 'Bruno',
    firstName: 'Rosa',
    birthDate: '1950-02-11',
    household: 'Nucleo 1',
    fragile: true,
    legalStatus: 'citizen',
    proposedSolution: 'alternativeAccommodation',
  };

  beforeAll(() => d.start(), 60_000);
  afterAll(() => d.stop());

  it('the Prefettura sets the date, the case manager is reminded, a postponement re-arms, the census and the eviction day close the path', async () => {
    const e = await begin('Santoro', '2026-04-16');
    const [deadline] = await d.deadlines(e.caseId);
    expect(deadline).toMatchObject({
      kind: 'eviction-date',
      dueDate: '2026-04-16',
      status: 'running',
    });
    const first = await c.mine('anna.iii', e.caseNumber, census);
    expect(first.dueDate).toBe('2026-04-16T22:00:00.000Z');
    expect(await c.openTasks('carla.v', e.caseNumber, 'unit-unassigned')).toEqual([]);

    // Five working days before the date the case manager is reminded.
    await d.moveTo('2026-04-09T08:00:00.000Z');
    await d.escalate();
    const inbox = await d.server.request('GET', '/api/notifications', d.as('anna.iii'));
    expect(inbox.body.items).toEqual([expect.objectContaining({ caseNumber: e.caseNumber })]);

    // The Prefettura postpones: a proroga moves the deadline and re-arms the timer.
    await c.extend(e.caseId, deadline.id, {
      newDueDate: '2026-04-30',
      grantedBy: 'Prefettura di Palermo',
      reason: 'Sgombero rinviato dalla Prefettura.',
    });
    const rearmed = await c.mine('anna.iii', e.caseNumber, census, first.id);
    expect(rearmed.dueDate).toBe('2026-04-30T22:00:00.000Z');
    expect((await c.timers(e.key)).evictionReached).toBe('2026-04-30T22:00:00.000Z');

    // Each occupant needs a proposed solution.
    const data = {
      censusDate: '2026-04-20',
      building: { address: 'Via Maqueda 100, Palermo', condition: 'unsafe' },
      occupants: [
        occupant,
        { ...occupant, firstName: 'Ivan', fragile: false, proposedSolution: 'takeInCharge' },
      ],
      proposals: 'Alloggio temporaneo per la signora Bruno; presa in carico del nucleo 2.',
    };
    const refused = await d.server.request('POST', `/api/tasks/${rearmed.id}/complete`, {
      ...d.as('anna.iii'),
      body: { variables: { ...data, occupants: [{ ...occupant, proposedSolution: undefined }] } },
    });
    expect(refused.status).toBe(400);
    await d.complete('anna.iii', rearmed, data);
    await c.doMine('anna.iii', e.caseNumber, 'Assistenza allo sgombero ed esito', {
      evictionHeldOn: '2026-04-30',
      peopleAccommodated: 1,
      householdsToTakeInCharge: 1,
    });
    await c.completed(e.key);
    expect(await c.reached(e.key, 'householdsTakenInCharge')).toBe(true);
    expect((await d.deadlines(e.caseId))[0]).toMatchObject({
      dueDate: '2026-04-30',
      status: 'met',
    });
  });

  it('while the Prefettura sets no date, the case manager is asked to chase it every 15 days', async () => {
    const chase = 'Data dello sgombero non ancora fissata: sollecitare la Prefettura';
    const opened = await d.openCase('Vitale', 'Giuseppe');
    const key = await d.startPath('pre-valutazione-sgombero', opened);
    await d.do('coord.iii', opened.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    // From the moment the path waits (a moment after the assignment, on a PostgreSQL server):
    // nothing to chase on day 14, a request on day 15.
    await c.until(async () => !!(await c.timers(key)).evictionDateLate, 'the wait for the date');
    const waitingSince = d.clock.now().getTime();
    const day = 86_400_000;
    expect(Date.parse((await c.timers(key)).evictionDateLate)).toBe(waitingSince + 15 * day);
    await d.advanceDays(14);
    expect(await c.openTasks('anna.iii', opened.caseNumber, 'mine')).toEqual([]);
    await d.advanceDays(1);
    const first = await c.mine('anna.iii', opened.caseNumber, chase);
    expect(Date.parse(first.dueDate!)).toBe(waitingSince + 17 * day);
    await d.complete('anna.iii', first, {
      completedOn: new Date(waitingSince + 15 * day).toISOString().slice(0, 10),
      stepNotes: 'PEC alla Prefettura per conoscere la data.',
    });
    // Still no date 15 days later: asked again; the wait itself goes on.
    await d.advanceDays(15);
    await c.mine('anna.iii', opened.caseNumber, chase, first.id);
    const evictionDate = new Date(waitingSince + 60 * day).toISOString().slice(0, 10);
    await c.publishWhenAwaited('data-sgombero-fissata', opened.caseNumber, { evictionDate });
    await c.mine('anna.iii', opened.caseNumber, census);
    expect((await d.deadlines(opened.caseId))[0]).toMatchObject({ dueDate: evictionDate });
  });

  it('the eviction day passes without a census: the coordinator arranges the interventions', async () => {
    const e = await begin('Caruso', '2026-05-12');
    await c.mine('anna.iii', e.caseNumber, census);
    await d.moveTo('2026-05-13T06:00:00.000Z');
    await d.do(
      'coord.iii',
      e.caseNumber,
      'Sgombero senza censimento completo: disporre gli interventi',
      {
        evictionHeldOn: '2026-05-12',
        householdsToTakeInCharge: 0,
      },
    );
    await c.completed(e.key);
    expect(await c.reached(e.key, 'handledInUrgency')).toBe(true);
  });

  describe('while the Prefettura sets no date for 45 days', () => {
    const chase = 'Data dello sgombero non ancora fissata: sollecitare la Prefettura';
    const intervene =
      'Data dello sgombero non fissata dopo 45 giorni: intervenire presso la Prefettura';
    const day = 86_400_000;
    const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const late = { caseId: '', caseNumber: '', key: '', evictionDate: '' };

    it('the coordinator is called in once, on the 45th day and not before, the chases going on; the date recorded from the case file still moves the path on', async () => {
      // Opened on the path from the case file, so the date can be recorded there.
      Object.assign(late, await d.openCaseOnPath('Ferrante', 'Giuseppe', 'evictionPreAssessment'));
      await d.do('coord.iii', late.caseNumber, 'Assegnare il case manager', {
        caseManagerId: d.ids['anna.iii'],
      });
      await c.until(
        async () => !!(await c.timers(late.key)).evictionDateEscalation,
        'the wait for the date',
      );
      const waitingSince = d.clock.now().getTime();
      const at = (days: number) => new Date(waitingSince + days * day).toISOString();
      expect(await c.timers(late.key)).toEqual({
        evictionDateLate: at(15),
        evictionDateEscalation: at(45),
      });
      // Two chases by the case manager, on the 15th and the 30th day, stay unanswered.
      let previous: string | undefined;
      for (const days of [15, 30]) {
        await d.advanceDays(15);
        const asked = await c.mine('anna.iii', late.caseNumber, chase, previous);
        await d.complete('anna.iii', asked, {
          completedOn: dayOf(waitingSince + days * day),
          stepNotes: 'PEC alla Prefettura: nessuna risposta.',
        });
        previous = asked.id;
      }
      // The 44th day: still nothing for the coordinator.
      await d.advanceDays(14);
      expect(await c.openTasks('coord.iii', late.caseNumber, 'unit')).toEqual([]);

      // The 45th day: the coordinator's step, in the unit's queue, beside the third chase.
      await d.advanceDays(1);
      const called = await d.task('coord.iii', late.caseNumber, intervene);
      expect(called.assignee).toBeNull();
      expect(called.dueDate).toBe(at(47));
      const third = await c.mine('anna.iii', late.caseNumber, chase, previous);
      expect(await c.openTasks('anna.iii', late.caseNumber, 'mine')).toEqual([chase]);
      // Once only: the chases every 15 days go on, no second call to the coordinator.
      expect(await c.timers(late.key)).toEqual({ evictionDateLate: at(60) });

      await d.complete('coord.iii', called, {
        completedOn: dayOf(waitingSince + 45 * day),
        stepNotes: 'Telefonata al gabinetto della Prefettura: la data sarà comunicata a giorni.',
      });

      // The date arrives while the third chase is open: recorded from the case file, it moves on.
      const available = await d.server.request(
        'GET',
        `/api/cases/${late.caseId}/decisions/available`,
        d.as('anna.iii'),
      );
      expect(available.body).toMatchObject([
        { kind: 'eviction-date', processInstanceKey: late.key },
      ]);
      late.evictionDate = dayOf(waitingSince + 75 * day);
      const recorded = await d.server.request('POST', `/api/cases/${late.caseId}/decisions`, {
        ...d.as('anna.iii'),
        body: {
          kind: 'eviction-date',
          processInstanceKey: late.key,
          fields: {
            evictionDate: late.evictionDate,
            communicatedOn: dayOf(waitingSince + 45 * day),
            reference: 'Prot. 4567/2026',
          },
        },
      });
      expect(recorded.status).toBe(201);
      const censusTask = await c.mine('anna.iii', late.caseNumber, census);
      await c.deadlinesAre(late.caseId, [['eviction-date', late.evictionDate, 'running']]);
      expect(await c.timers(late.key)).toEqual({ evictionReached: censusTask.dueDate });
      expect(await c.reached(late.key, 'evictionDateSet')).toBe(true);
      // Nothing left to chase: the open chase closed with the wait, the census is what is left.
      expect(await c.reached(late.key, 'dateArrived')).toBe(true);
      await c.until(
        async () => (await c.openTasks('anna.iii', late.caseNumber, 'mine')).length === 1,
        'the open chase to close',
      );
      expect(await c.openTasks('anna.iii', late.caseNumber, 'mine')).toEqual([census]);
      const stale = await d.server.request('POST', `/api/tasks/${third.id}/complete`, {
        ...d.as('anna.iii'),
        body: {
          variables: { completedOn: dayOf(waitingSince + 45 * day), stepNotes: 'Data ricevuta.' },
        },
      });
      expect(stale.status).toBe(409);
    });

    it('an eviction with no household left to take in charge ends at «Sgombero concluso»', async () => {
      await c.doMine('anna.iii', late.caseNumber, census, {
        censusDate: dayOf(d.clock.now().getTime()),
        building: { address: 'Via Roma 20, Palermo', condition: 'unsafe' },
        occupants: [{ ...occupant, fragile: false, proposedSolution: 'assistanceAtEviction' }],
        proposals: 'La signora Bruno va dalla figlia; assistenza il giorno dello sgombero.',
      });
      await c.doMine('anna.iii', late.caseNumber, 'Assistenza allo sgombero ed esito', {
        evictionHeldOn: late.evictionDate,
        peopleAccommodated: 0,
        householdsToTakeInCharge: 0,
      });
      await c.completed(late.key);
      expect(await c.reached(late.key, 'evictionDone')).toBe(true);
      expect(await c.reached(late.key, 'householdsTakenInCharge')).toBe(false);
      await c.deadlinesAre(late.caseId, [['eviction-date', late.evictionDate, 'met']]);
    });
  });
});

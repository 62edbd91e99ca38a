import { PathChecks } from './path-checks';
import { PathDriver } from './path-driver';

/**
 * Help for the whole family (issue 14), as the service lives it: an ADI household whose pact
 * reveals a child at risk → the minors' path opens on the child's own case, linked to the
 * household → the court's decree, recorded by the child's case manager, moves it → the
 * coordinator sees both paths of the family from either case file.
 */
describe('a family: the ADI pact opens the minors’ path for a child', () => {
  const d = new PathDriver();
  const c = new PathChecks(d);
  let mother: { caseId: string; caseNumber: string };
  let childId: string;

  const post = async (who: string, path: string, body: unknown) => {
    const response = await d.server.request('POST', path, { ...d.as(who), body });
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const caseFile = async (who: string, caseId: string) =>
    (await d.server.request('GET', `/api/cases/${caseId}`, d.as(who))).body;

  beforeAll(async () => {
    await d.start();
    const motherPerson = await post('front.iii', '/api/persons', {
      surname: 'Russo',
      name: 'Anna',
      birthDate: '1985-05-14',
    });
    const child = await post('front.iii', '/api/persons', {
      surname: 'Russo',
      name: 'Davide',
      birthDate: '2016-11-03',
    });
    childId = child.id;
    const household = await post('front.iii', '/api/households', {
      address: 'Via dei Cantieri 12, Palermo',
      members: [
        { personId: motherPerson.id, relationship: 'richiedente ADI' },
        { personId: child.id, relationship: 'figlio' },
      ],
    });
    const opened = await post('coord.iii', '/api/cases', {
      personId: motherPerson.id,
      householdId: household.id,
      path: 'inclusionPact',
    });
    mother = { caseId: opened.id, caseNumber: opened.caseNumber };
  }, 60_000);
  afterAll(() => d.stop());

  it('runs both paths, each on its own case, and shows them to the coordinator', async () => {
    // The ADI household's path, up to the pact.
    await d.do('coord.iii', mother.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['anna.iii'],
    });
    await c.doMine('anna.iii', mother.caseNumber, 'Registrare i dati del PAD', {
      benefit: 'ADI',
      padDate: '2026-02-20',
      householdSize: 2,
    });
    await c.doMine('anna.iii', mother.caseNumber, 'Primo incontro con il nucleo', {
      meetingDate: '2026-03-05',
      meetingOutcome: 'held',
    });
    await c.doMine('anna.iii', mother.caseNumber, 'Analisi preliminare', {
      analysisDate: '2026-03-06',
      needAreas: ['family'],
      preliminaryOutcome: 'C',
    });
    // The pact form offers the household's other members, from the case's household.
    const pact = await c.mine(
      'anna.iii',
      mother.caseNumber,
      "Sottoscrivere il patto per l'inclusione sociale",
    );
    const variables = await d.server.request(
      'GET',
      `/api/tasks/${pact.id}/variables`,
      d.as('anna.iii'),
    );
    expect(variables.body.householdMemberOptions).toEqual([
      { value: childId, label: 'Russo Davide (figlio, nato/a il 03/11/2016)' },
    ]);
    await d.complete('anna.iii', pact, {
      generalObjectives: 'Autonomia economica del nucleo.',
      expectedResults: 'Frequenza scolastica regolare del figlio.',
      pactSignedOn: '2026-03-10',
      minorAtRisk: true,
      familyMemberPersonId: childId,
      familyPathReason: 'Il figlio non frequenta la scuola da due mesi; segni di trascuratezza.',
    });

    // The child's own case, in the same household, on the minors' path; the pact goes on.
    await c.until(async () => {
      const [row] = await d.db.query(
        `SELECT 1 FROM case_path cp JOIN social_case c ON c.id = cp.case_id
          WHERE c.person_id = $1 AND cp.bpmn_process_id = 'tutela-minori'`,
        [childId],
      );
      return !!row;
    }, 'the minors’ path on the child’s case');
    const [childCase] = await d.db.query(
      `SELECT id, case_number AS "caseNumber", household_id AS "householdId" FROM social_case WHERE person_id = $1`,
      [childId],
    );
    expect(childCase.householdId).toBe((await caseFile('coord.iii', mother.caseId)).household.id);
    await c.mine('anna.iii', mother.caseNumber, 'Verifica periodica del patto');

    // The coordinator gives the child a case manager of his own; she places him in urgency.
    await d.do('coord.iii', childCase.caseNumber, 'Assegnare il case manager', {
      caseManagerId: d.ids['bruno.iii'],
    });
    await c.doMine('bruno.iii', childCase.caseNumber, 'Scegliere la traccia di tutela', {
      minorsTrack: 'urgentRemoval',
      measureType: 'placement',
      judicialAuthority: 'juvenileProsecutor',
      placementTime: '2026-03-12T10:00+01:00',
      pmOralNoticeAt: '2026-03-12T10:15+01:00',
      pmOralNoticeTo: 'Dott.ssa Lombardo, PM di turno',
    });
    await c.doMine(
      'bruno.iii',
      childCase.caseNumber,
      'Trasmettere al PM provvedimento e relazione (art. 403)',
      {
        pmReportSentAt: '2026-03-12T18:00+01:00',
        pmReportSummary: 'Minore collocato in comunità di pronta accoglienza.',
      },
    );

    // The court's decree, recorded from the child's case file by his case manager, moves it.
    let awaited: Array<{ kind: string; processInstanceKey: string }> = [];
    await c.until(async () => {
      const response = await d.server.request(
        'GET',
        `/api/cases/${childCase.id}/decisions/available`,
        d.as('bruno.iii'),
      );
      awaited = response.body;
      return response.status === 200 && awaited.length > 0;
    }, 'the minors’ path waiting for the court');
    // The court's decree first; the PM's request for validation can be recorded too.
    expect(awaited.map((a) => a.kind)).toEqual([
      'urgent-removal-validation',
      'urgent-removal-validation-request',
    ]);
    await post('bruno.iii', `/api/cases/${childCase.id}/decisions`, {
      kind: 'urgent-removal-validation',
      processInstanceKey: awaited[0].processInstanceKey,
      fields: {
        outcome: 'validated',
        decreeDate: '2026-03-14',
        hearingDate: '2026-03-26',
        docketNumber: 'R.G. 88/2026',
      },
    });
    await c.mine('bruno.iii', childCase.caseNumber, "Relazione per l'udienza al Tribunale");

    // The coordinator sees both paths of the family, from either case.
    const fromMother = await caseFile('coord.iii', mother.caseId);
    expect(fromMother.familyCases).toEqual([
      expect.objectContaining({
        caseNumber: childCase.caseNumber,
        relationship: 'figlio',
        paths: ['tutela-minori'],
      }),
    ]);
    expect(fromMother.pathInstances).toEqual([
      expect.objectContaining({ bpmnProcessId: 'patto-inclusione-adi', state: 'ACTIVE' }),
    ]);
    const fromChild = await caseFile('coord.iii', childCase.id);
    expect(fromChild.pathInstances).toEqual([
      expect.objectContaining({
        bpmnProcessId: 'tutela-minori',
        state: 'ACTIVE',
        currentSteps: [expect.objectContaining({ name: "Relazione per l'udienza al Tribunale" })],
      }),
    ]);
    expect(fromChild.familyCases).toEqual([
      expect.objectContaining({
        caseNumber: mother.caseNumber,
        paths: ['patto-inclusione-adi'],
      }),
    ]);
    // The mother's case manager does not follow the child: his case is not listed to her.
    expect((await caseFile('anna.iii', mother.caseId)).familyCases).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormSchema } from '../../src/tasks/forms';
import { validateModel } from '../../src/models/validation';
import { PathDriver } from './path-driver';
import { act, assignToAnna, eventually, openTaskNames, quiet, stepDone } from './path-steps';

const read = (file: string) => readFileSync(join(__dirname, '../../bpmn', file), 'utf8');
const request = (requestDate: string) => ({
  requestDate,
  dayCentreTarget: 'elderly',
  requestedBy: 'relative',
  requestReason: 'Solitudine durante il giorno; figlia lavoratrice.',
  transportNeeded: true,
});
const uvm = {
  uvmDate: '2026-03-10',
  uvmParticipants: ['districtDoctor', 'gp', 'socialWorker'],
  functionalProfile: 'Parzialmente non autosufficiente; Barthel 60.',
  uvmOutcome: 'eligible',
  healthShare: 'nonSelfSufficient',
};
const admission = (admissionDate: string) => ({
  admissionDate,
  dayCentre: 'Centro diurno Villa Sofia',
  daysPerWeek: 5,
  transport: true,
  iseeValue: 8500.5,
  iseeDate: '2026-01-15',
  coPaymentMonthly: 45,
  paiDays: 30,
});

/** Day centre: request → UVM and decision (30 days) → admission (ISEE) → PAI → reviews → discharge. */
describe('centro-diurno', () => {
  const d = new PathDriver();
  const main = { caseId: '', caseNumber: '', key: '' };
  const late = { caseId: '', caseNumber: '', key: '' };
  const rows = async (caseId: string) =>
    (await d.deadlines(caseId)).map((x) => [x.kind, x.dueDate, x.status]);
  const inbox = async (who: string) =>
    (await d.server.request('GET', '/api/notifications', d.as(who))).body.items as Array<{
      kind: string;
      subject: string;
      caseNumber: string;
    }>;

  beforeAll(async () => {
    await d.start();
    Object.assign(main, await d.openCase('Lo Iacono', 'Salvatore'));
    main.key = await d.startPath('centro-diurno', main);
    Object.assign(late, await d.openCase('Randazzo', 'Concetta'));
    late.key = await d.startPath('centro-diurno', late);
    await assignToAnna(d, main.caseNumber);
    await assignToAnna(d, late.caseNumber);
  }, 60_000);
  afterAll(() => d.stop());

  it('the model passes the deployment lint with no warning, and its forms exist and compile', async () => {
    const xml = read('paths/centro-diurno.bpmn');
    const result = await validateModel(xml);
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
    expect(result.warnings).toEqual([]);
    expect(result.processes.map((p) => p.bpmnProcessId)).toEqual(['centro-diurno']);
    expect(xml).toMatch(/<bpmn:documentation>[^<]*Termini/);
    for (const key of new Set([...xml.matchAll(/formKey="([^"]+)"/g)].map((m) => m[1]))) {
      const schema = JSON.parse(read(`forms/${key}.form`));
      expect(schema.id).toBe(key);
      expect(() => compileFormSchema(schema)).not.toThrow();
    }
  });

  it('the decision is due 30 days from the request (rolled to a working day); the PAI N days from admission', async () => {
    await act(d, 'anna.iii', main.caseNumber, 'Registrare la domanda', request('2026-02-27'));
    // 27 February + 30 days = Sunday 29 March → Monday 30 March
    await eventually(async () => (await d.deadlines(main.caseId)).length === 1);
    expect(await rows(main.caseId)).toEqual([['day-centre-decision', '2026-03-30', 'running']]);
    const assess = await d.task(
      'anna.iii',
      main.caseNumber,
      "Valutazione multidimensionale (UVM con l'ASP)",
      'mine',
    );
    expect(assess.dueDate).toBe('2026-03-30T22:00:00.000Z');
    await act(d, 'anna.iii', main.caseNumber, "Valutazione multidimensionale (UVM con l'ASP)", uvm);
    await act(d, 'coord.iii', main.caseNumber, "Decidere sull'ammissione", {
      admissionDecision: 'admit',
      dayCentre: 'Centro diurno Villa Sofia',
      decisionReasons: 'Idoneo alla UVM; posto disponibile.',
    });
    await act(
      d,
      'anna.iii',
      main.caseNumber,
      'Inserimento nel centro diurno e compartecipazione (ISEE)',
      admission('2026-03-16'),
    );
    // 16 March + 30 days, as set at admission
    await eventually(async () => (await d.deadlines(main.caseId)).length === 2);
    expect(await rows(main.caseId)).toEqual([
      ['day-centre-decision', '2026-03-30', 'met'],
      ['day-centre-pai', '2026-04-15', 'running'],
    ]);
    const pai = await d.task('anna.iii', main.caseNumber, 'Redigere il PAI', 'mine');
    expect(pai.dueDate).toBe('2026-04-15T22:00:00.000Z');
  });

  it('a decision not taken in 30 days goes to the coordinator; the waiting list leads to admission when a place is free', async () => {
    await act(d, 'anna.iii', late.caseNumber, 'Registrare la domanda', request('2026-03-02'));
    await eventually(async () => (await d.deadlines(late.caseId)).length === 1);
    expect(await rows(late.caseId)).toEqual([['day-centre-decision', '2026-04-01', 'running']]);

    await d.moveTo('2026-04-02T07:00:00.000Z');
    await quiet(d);
    await d.escalate();
    await quiet(d);
    await d.task('coord.iii', late.caseNumber, 'Decisione sulla domanda in ritardo: sollecitare');
    expect(await rows(late.caseId)).toEqual([['day-centre-decision', '2026-04-01', 'breached']]);
    expect(await inbox('coord.iii')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'deadline-breached', caseNumber: late.caseNumber }),
      ]),
    );
    // The assessment stays to be done.
    expect(await openTaskNames(d, 'anna.iii', late.caseNumber)).toEqual([
      "Valutazione multidimensionale (UVM con l'ASP)",
    ]);
    await act(
      d,
      'coord.iii',
      late.caseNumber,
      'Decisione sulla domanda in ritardo: sollecitare',
      stepDone('2026-04-02'),
    );
    await act(d, 'anna.iii', late.caseNumber, "Valutazione multidimensionale (UVM con l'ASP)", {
      ...uvm,
      uvmDate: '2026-04-03',
    });
    await act(d, 'coord.iii', late.caseNumber, "Decidere sull'ammissione", {
      admissionDecision: 'waitingList',
      dayCentre: 'Centro diurno Villa Sofia',
      waitingListPosition: 4,
      decisionReasons: 'Idonea; nessun posto libero.',
    });
    await act(d, 'coord.iii', late.caseNumber, "Lista d'attesa: registrare il posto disponibile", {
      waitingListOutcome: 'placeAvailable',
      placeAvailableOn: '2026-04-07',
    });
    await d.task(
      'anna.iii',
      late.caseNumber,
      'Inserimento nel centro diurno e compartecipazione (ISEE)',
      'mine',
    );
  });

  it('the case manager is reminded of the PAI; reviews run N months from the PAI, a late one alerts the coordinator; discharge ends the path', async () => {
    await d.moveTo('2026-04-09T07:00:00.000Z');
    await d.escalate();
    expect(await inbox('anna.iii')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'deadline-near',
          caseNumber: main.caseNumber,
          subject: expect.stringContaining('PAI del centro diurno'),
        }),
      ]),
    );
    await act(d, 'anna.iii', main.caseNumber, 'Redigere il PAI', {
      paiDate: '2026-04-10',
      objectives: 'Socializzazione; mantenimento dell’autonomia.',
      activitiesAndFrequency: 'Laboratori, ginnastica dolce; 5 giorni a settimana.',
      reviewMonths: 6,
      signed: true,
    });
    // 10 April + 6 months
    await eventually(async () => (await d.deadlines(main.caseId)).length === 3);
    expect((await rows(main.caseId)).slice(1)).toEqual([
      ['day-centre-pai', '2026-04-15', 'met'],
      ['day-centre-pai-review', '2026-10-10', 'running'],
    ]);

    await d.moveTo('2026-10-12T07:00:00.000Z');
    await quiet(d);
    await d.escalate();
    await quiet(d);
    await d.task('coord.iii', main.caseNumber, 'Verifica del PAI scaduta: sollecitare');
    expect(await openTaskNames(d, 'anna.iii', main.caseNumber)).toEqual(['Verifica del PAI']);
    await act(d, 'anna.iii', main.caseNumber, 'Verifica del PAI', {
      reviewDate: '2026-10-13',
      progress: 'Buon inserimento nel gruppo.',
      reviewOutcome: 'continue',
    });
    // 6 months from the review just recorded
    await eventually(async () => (await d.deadlines(main.caseId)).length === 4);
    expect((await rows(main.caseId)).slice(2)).toEqual([
      ['day-centre-pai-review', '2026-10-10', 'breached'],
      ['day-centre-pai-review', '2027-04-13', 'running'],
    ]);
    await act(
      d,
      'coord.iii',
      main.caseNumber,
      'Verifica del PAI scaduta: sollecitare',
      stepDone('2026-10-13'),
    );
    await act(d, 'anna.iii', main.caseNumber, 'Verifica del PAI', {
      reviewDate: '2027-04-01',
      progress: 'Peggioramento: serve una struttura residenziale.',
      reviewOutcome: 'discharge',
    });
    await act(d, 'anna.iii', main.caseNumber, 'Dimissione dal centro diurno', {
      dischargeDate: '2027-04-05',
      dischargeReason: 'residential',
      followUp: 'Percorso anziani per la residenzialità.',
    });
    await eventually(async () => (await d.state(main.key)) === 'COMPLETED');
    expect((await rows(main.caseId)).at(-1)).toEqual([
      'day-centre-pai-review',
      '2027-04-13',
      'met',
    ]);
  });
});

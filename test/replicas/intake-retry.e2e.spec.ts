import { DataSource } from 'typeorm';
import { CasePathsService } from '../../src/cases/case-paths.service';
import { PATH_PROCESS_IDS } from '../../src/cases/paths';
import { INTAKE_PROCESS_ID, ReferralsService } from '../../src/cases/referrals.service';
import { TestApp } from '../support/test-app';
import { describeReplicas, startReplicas, stopReplicas } from './replicas';

const OWED = 8;

/** The retry pass of intakes and case paths, run by two replicas at the same moment. */
describeReplicas('intake retry on two replicas', () => {
  let replicas: TestApp[];
  let db: DataSource;

  beforeAll(async () => {
    replicas = await startReplicas();
    db = replicas[0].app.get(DataSource);
  });
  afterAll(() => stopReplicas(replicas));

  /** Instances of a process per business key, for these keys. */
  const instancesPerKey = async (bpmnProcessId: string, keys: string[]) =>
    (
      await db.query(
        `SELECT business_key, count(*)::int AS n FROM process_instance
          WHERE bpmn_process_id = $1 AND business_key = ANY($2::text[]) GROUP BY business_key`,
        [bpmnProcessId, keys],
      )
    ).map((row: { n: number }) => row.n);

  it('starts each pending intake once', async () => {
    const [front] = await db.query(
      `INSERT INTO account (username, display_name, role, unit_code, password_hash)
       VALUES ('front.iii', 'Sportello', 'front-office', 'III', 'x') RETURNING id`,
    );
    // As left by requests whose engine call failed: no intake, no claim.
    const numbers = Array.from({ length: OWED }, (_, i) => `SEG-III-2020-00000${i + 1}`);
    for (const number of numbers) {
      await db.query(
        `INSERT INTO referral (referral_number, unit_code, received_at, channel, urgency, request_text, status, created_by, created_at)
         VALUES ($1, 'III', now(), 'spontaneous', 'ordinary', 'Richiesta di informazioni.', 'received', $2, now() - interval '1 hour')`,
        [number, front.id],
      );
    }

    const started = await Promise.all(
      replicas.map((replica) => replica.app.get(ReferralsService).retryPendingIntakes()),
    );

    expect(started[0] + started[1]).toBe(OWED);
    expect(await instancesPerKey(INTAKE_PROCESS_ID, numbers)).toEqual(Array(OWED).fill(1));
    const [{ unstarted }] = await db.query(
      `SELECT count(*)::int AS unstarted FROM referral WHERE process_instance_key IS NULL`,
    );
    expect(unstarted).toBe(0);
  });

  it('leaves an intake claimed by a live replica to it, and takes over one whose claim ran out', async () => {
    const [referral] = await db.query(
      `INSERT INTO referral (referral_number, unit_code, received_at, channel, urgency, request_text, status, created_by, intake_claimed_until)
       SELECT 'SEG-III-2020-000100', 'III', now(), 'spontaneous', 'ordinary', 'Richiesta.', 'received', id, now() + interval '1 minute'
         FROM account WHERE username = 'front.iii'
       RETURNING id`,
    );
    const retry = () => replicas[1].app.get(ReferralsService).retryPendingIntakes();
    expect(await retry()).toBe(0);
    // Its holder died mid-start: the lease runs out.
    await db.query(
      `UPDATE referral SET intake_claimed_until = now() - interval '1 second' WHERE id = $1`,
      [referral.id],
    );
    expect(await retry()).toBe(1);
    expect(await instancesPerKey(INTAKE_PROCESS_ID, ['SEG-III-2020-000100'])).toEqual([1]);
  });

  it('starts each owed case path once', async () => {
    const [person] = await db.query(
      `INSERT INTO person (surname, name) VALUES ('Rizzo', 'Teresa') RETURNING id`,
    );
    const numbers = Array.from({ length: OWED }, (_, i) => `SSC-III-2020-00000${i + 1}`);
    for (const number of numbers) {
      const [opened] = await db.query(
        `INSERT INTO social_case (case_number, unit_code, person_id, status, opened_at)
         VALUES ($1, 'III', $2, 'open', now()) RETURNING id`,
        [number, person.id],
      );
      await db.query(`INSERT INTO case_path_request (case_id, path) VALUES ($1, 'housing')`, [
        opened.id,
      ]);
    }

    const started = await Promise.all(
      replicas.map((replica) => replica.app.get(CasePathsService).startRequested()),
    );

    expect(started[0] + started[1]).toBe(OWED);
    expect(await instancesPerKey(PATH_PROCESS_IDS.housing, numbers)).toEqual(Array(OWED).fill(1));
    const [{ paths, owed }] = await db.query(
      `SELECT (SELECT count(*)::int FROM case_path) AS paths,
              (SELECT count(*)::int FROM case_path_request) AS owed`,
    );
    expect({ paths, owed }).toEqual({ paths: OWED, owed: 0 });
  });
});

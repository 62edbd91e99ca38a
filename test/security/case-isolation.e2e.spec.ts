import { SecurityFixture } from './security-fixture';
import { pdf } from '../support/documents';

/**
 * Acceptance 2 and 3 of issue #5, and the manager's grants: a caseworker of
 * unit III reaches nothing of a unit V case by any route, ids guessed or not;
 * every read of a case file writes exactly one access-log entry; the log can
 * only be read (who saw my data, who opened this case) and purged past 24 months.
 */
describe('case isolation and the access log', () => {
  const f = new SecurityFixture();
  beforeAll(() => f.start(), 120_000);
  afterAll(() => f.stop());

  const logCount = async () =>
    (await f.db.query(`SELECT count(*)::int AS n FROM access_log`))[0].n as number;
  const newEntries = async (since: number) =>
    f.db.query(
      `SELECT username, action, entity, case_id AS "caseId" FROM access_log WHERE id > $1 ORDER BY id`,
      [since],
    );
  const lastId = async () =>
    Number((await f.db.query(`SELECT coalesce(max(id), 0) AS id FROM access_log`))[0].id);

  it('a caseworker of unit III reaches no part of a unit V case, by any route or guessed id', async () => {
    const v = f.caseV;
    const since = await lastId();
    const paths = [
      `/api/cases/${v.caseId}`,
      `/api/cases/${v.caseId}/timeline`,
      `/api/cases/${v.caseId}/process`,
      `/api/cases/${v.caseId}/documents`,
      `/api/cases/${v.caseId}/documents/${v.documentId}`,
      `/api/cases/${v.caseId}/deadlines`,
      `/api/cases/${v.caseId}/access-log`,
      `/api/cases/${v.caseId}/decisions`,
      `/api/cases/${v.caseId}/decisions/available`,
      `/api/tasks/${v.taskId}`,
      `/api/tasks/${v.taskId}/form`,
      `/api/tasks/${v.taskId}/variables`,
    ];
    for (const who of ['anna.iii', 'coord.iii'] as const) {
      for (const path of paths) {
        const response = await f.call(who, 'GET', path);
        // 404 where existence would leak; the coordinator-only access log says 403 to a caseworker.
        const expected = who === 'anna.iii' && path.endsWith('/access-log') ? 403 : 404;
        expect({ path, who, status: response.status }).toEqual({ path, who, status: expected });
        expect(JSON.stringify(response.body)).not.toMatch(/Russo|SSC-V-/);
      }
      const changes: Record<string, unknown> = {
        [`/api/cases/${v.caseId}/diary`]: {
          kind: 'note',
          occurredAt: '2026-03-03T09:00:00Z',
          text: 'x',
        },
        [`/api/cases/${v.caseId}/documents`]: undefined,
        [`/api/cases/${v.caseId}/decisions`]: {
          kind: 'eviction-date',
          processInstanceKey: v.instanceKey,
          fields: { evictionDate: '2026-04-16' },
        },
      };
      for (const [path, body] of Object.entries(changes)) {
        expect((await f.call(who, 'POST', path, { path, body })).status).toBe(404);
      }
      for (const action of ['claim', 'unclaim', 'complete']) {
        const path = `/api/tasks/${v.taskId}/${action}`;
        expect((await f.call(who, 'POST', path, { path, body: {} })).status).toBe(404);
      }
      // Searches by the case number, the person's name or unit V find nothing.
      for (const query of [`caseNumber=${v.caseNumber}`, 'name=russo', 'unitCode=V']) {
        const found = await f.call(who, 'GET', `/api/cases?${query}`);
        expect(found.status).toBe(200);
        expect(found.body.total).toBe(0);
      }
      const tasks = await f.call(who, 'GET', `/api/tasks?view=unit&caseNumber=${v.caseNumber}`);
      expect(tasks.status === 403 || tasks.body.items.length === 0).toBe(true);
    }
    // The engine's process view is for administrators only.
    const instance = await f.call('anna.iii', 'GET', `/api/process-instances/${v.instanceKey}`);
    expect(instance.status).toBe(403);

    // Guessing: the neighbouring case numbers, ids and keys answer the same as unknown ones.
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const probe = async (path: string) => (await f.call('anna.iii', 'GET', path)).status;
    expect(await probe(`/api/cases/${unknownId}`)).toBe(await probe(`/api/cases/${v.caseId}`));
    expect(await probe(`/api/tasks/${BigInt(v.taskId) + 1n}`)).toBe(404);
    expect(await probe(`/api/tasks/${v.taskId}`)).toBe(404);
    for (const n of [1, 2, 3]) {
      const guess = v.caseNumber.replace(/\d{6}$/, String(n).padStart(6, '0'));
      const found = await f.call('anna.iii', 'GET', `/api/cases?caseNumber=${guess}`);
      expect(found.body.total).toBe(0);
    }
    // Refused reads and empty searches are in the log (issue 10, finding 9), naming no one's data.
    const entries: Array<{ action: string; entity_id: string | null; person_ids: string[] }> =
      await f.db.query(
        `SELECT action, entity_id, person_ids FROM access_log WHERE id > $1 ORDER BY id`,
        [since],
      );
    expect(entries.filter((e) => e.person_ids.length > 0)).toEqual([]);
    expect(new Set(entries.map((e) => e.action))).toEqual(new Set(['refused', 'search']));
    const refusedCase = entries.filter((e) => e.action === 'refused' && e.entity_id === v.caseId);
    // Each GET of the case above, by both of them, and the probe: one entry each.
    expect(refusedCase).toHaveLength(2 * 9 + 1);
  });

  it('every read of a case file through any route writes exactly one access-log entry', async () => {
    const m = f.main;
    const reads: Array<[string, string, string]> = [
      ['anna.iii', `/api/cases/${m.caseId}`, 'case'],
      ['anna.iii', `/api/cases/${m.caseId}/timeline`, 'case'],
      ['anna.iii', `/api/cases/${m.caseId}/process`, 'case'],
      ['anna.iii', `/api/cases/${m.caseId}/documents`, 'document'],
      ['anna.iii', `/api/cases/${m.caseId}/documents/${m.documentId}`, 'document'],
      ['anna.iii', `/api/cases/${m.caseId}/deadlines`, 'case'],
      ['anna.iii', `/api/cases/${m.caseId}/decisions`, 'case'],
      ['anna.iii', `/api/cases/${m.caseId}/decisions/available`, 'case'],
      ['anna.iii', `/api/tasks/${f.tasks.read}/variables`, 'case'],
      ['coord.iii', `/api/cases/${m.caseId}/access-log`, 'access-log'],
      ['coord.iii', `/api/cases?caseNumber=${m.caseNumber}`, 'case'],
    ];
    for (const [who, path, entity] of reads) {
      const since = await lastId();
      const response = await f.call(who as 'anna.iii', 'GET', path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const entries = await newEntries(since);
      expect({ path, entries }).toEqual({
        path,
        entries: [expect.objectContaining({ username: who, entity })],
      });
      if (entity !== 'case' || !path.startsWith('/api/cases?')) {
        expect(entries[0].caseId).toBe(m.caseId);
      }
    }
    // A search that finds nothing is recorded too, naming no one (issue 10, finding 9).
    const since = await lastId();
    await f.call('coord.iii', 'GET', '/api/cases?name=inesistente');
    expect(await newEntries(since)).toEqual([
      { username: 'coord.iii', action: 'search', entity: 'case', caseId: null },
    ]);
  });

  it('task data follows the case file’s rule: holder, candidates while free, readers of the case; each read logged, each refusal too (issue 10, finding 2)', async () => {
    const t = f.tasks;
    const variables = (who: 'anna.iii' | 'bruno.iii' | 'coord.iii', id: string) =>
      f.call(who, 'GET', `/api/tasks/${id}/variables`);
    const since = await lastId();
    // Free, and Bruno among its candidates: he may read what he may take on.
    expect((await variables('bruno.iii', t.claim)).status).toBe(200);
    // Held by Anna, on a case Bruno neither manages nor works on: he sees the row, not the data.
    const refused = await variables('bruno.iii', t.unclaim);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      'I dati di questa attività sono riservati a chi l’ha in carico, a chi segue la cartella e al coordinatore dell’unità.',
    );
    expect((await variables('anna.iii', t.unclaim)).status).toBe(200);
    expect((await variables('coord.iii', t.unclaim)).status).toBe(200);
    // Once Bruno holds a task of the case he reads its file, and so its other tasks' data.
    expect((await f.call('bruno.iii', 'POST', `/api/tasks/${t.assign}/claim`)).status).toBe(200);
    expect((await variables('bruno.iii', t.unclaim)).status).toBe(200);
    expect((await f.call('bruno.iii', 'POST', `/api/tasks/${t.assign}/unclaim`)).status).toBe(200);
    expect((await variables('bruno.iii', t.unclaim)).status).toBe(403);

    type Entry = { username: string; action: string; entity: string; caseId: string | null };
    const entries = ((await newEntries(since)) as Entry[]).filter(
      (e) => e.action === 'refused' || e.entity === 'case',
    );
    expect(entries.map((e) => [e.username, e.action])).toEqual([
      ['bruno.iii', 'read'],
      ['bruno.iii', 'refused'],
      ['anna.iii', 'read'],
      ['coord.iii', 'read'],
      ['bruno.iii', 'read'],
      ['bruno.iii', 'refused'],
    ]);
    expect(entries.filter((e) => e.action === 'read').map((e) => e.caseId)).toEqual(
      Array(4).fill(f.taskCase.caseId),
    );
  });

  it('shows the administrator a case’s instances without their variables, unless the coordinator grants them; each granted read logged (issue 10, finding 3)', async () => {
    const m = f.main;
    const instance = (key: string) => f.call('admin', 'GET', `/api/process-instances/${key}`);
    const since = await lastId();
    const withheld = await instance(m.instanceKey);
    expect(withheld.status).toBe(200);
    expect(withheld.body).toMatchObject({ variablesWithheld: true, variables: {} });
    // Its structure and state stay visible: what an administrator mends.
    expect(withheld.body.activeElementIds).toContain('meeting');
    // An instance of no case keeps its variables in view.
    const plain = await instance(f.cancelKey);
    expect(plain.body.variablesWithheld).toBe(false);
    expect(await newEntries(since)).toEqual([]);

    const ask = (who: 'admin' | 'coord.iii', managerId: string) =>
      f.call(who, 'POST', `/api/cases/${m.caseId}/grants`, {
        path: '',
        body: {
          managerId,
          reason: 'Incidente sul percorso: verificare i dati del primo incontro.',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      });
    // Not by an administrator for an administrator (themselves included).
    expect((await ask('admin', f.ids.admin)).status).toBe(400);
    expect((await ask('coord.iii', f.ids.admin)).status).toBe(201);

    const before = await lastId();
    const shown = await instance(m.instanceKey);
    expect(shown.body.variablesWithheld).toBe(false);
    expect(shown.body.variables).toMatchObject({ caseNumber: m.caseNumber, caseId: m.caseId });
    expect(await newEntries(before)).toEqual([
      { username: 'admin', action: 'read', entity: 'case', caseId: m.caseId },
    ]);
    // The grant opens the engine's variables only, never the case file.
    expect((await f.call('admin', 'GET', `/api/cases/${m.caseId}`)).status).toBe(403);
  });

  it('every change of a case file, person or document is logged once', async () => {
    const m = f.main;
    const changes: Array<[string, string, unknown, string]> = [
      [
        'anna.iii',
        `/api/cases/${m.caseId}/diary`,
        { kind: 'note', occurredAt: '2026-03-04T09:00:00Z', text: 'Aggiornamento.' },
        'diary',
      ],
      ['front.iii', '/api/persons', { surname: 'Lombardo', name: 'Salvatore' }, 'person'],
    ];
    for (const [who, path, body, entity] of changes) {
      const since = await lastId();
      const response = await f.call(who as 'anna.iii', 'POST', path, { path, body });
      expect(response.status).toBe(201);
      expect(await newEntries(since)).toEqual([
        expect.objectContaining({ username: who, action: 'create', entity }),
      ]);
    }
    const since = await lastId();
    const upload = await f.call('anna.iii', 'POST', `/api/cases/${m.caseId}/documents`, {
      path: '',
      upload: { fileName: 'nota.pdf', content: pdf('Nota') },
    });
    expect(upload.status).toBe(201);
    expect(await newEntries(since)).toEqual([
      expect.objectContaining({ action: 'create', entity: 'document', caseId: m.caseId }),
    ]);
  });

  it('answers "who saw my data" with the entries about the person and their cases; the coordinator sees who opened a case', async () => {
    const m = f.main;
    const answer = await f.call('admin', 'GET', `/api/audit?personId=${m.personId}&limit=100`);
    expect(answer.status).toBe(200);
    const users = new Set(answer.body.items.map((e: { username: string }) => e.username));
    // The administrator too: granted, it read the variables of the case's path (finding 3).
    expect(users).toEqual(new Set(['front.iii', 'coord.iii', 'anna.iii', 'admin']));
    expect(answer.body.total).toBeGreaterThan(5);
    expect(
      answer.body.items.every((e: { caseId: string | null }) =>
        [null, m.caseId].includes(e.caseId),
      ),
    ).toBe(true);
    // Nothing about another person's case.
    const other = await f.call('admin', 'GET', `/api/audit?personId=${f.caseV.personId}`);
    expect(other.body.items.some((e: { caseId: string }) => e.caseId === m.caseId)).toBe(false);
    // The question itself is logged, against the person.
    const [asked] = await f.db.query(
      `SELECT username, entity FROM access_log WHERE $1 = ANY(person_ids) ORDER BY id DESC LIMIT 1`,
      [m.personId],
    );
    expect(asked).toEqual({ username: 'admin', entity: 'access-log' });

    const log = await f.call('coord.iii', 'GET', `/api/cases/${m.caseId}/access-log`);
    expect(log.status).toBe(200);
    expect(log.body.items[0]).toMatchObject({ caseId: m.caseId, username: expect.any(String) });
    expect(
      new Set(log.body.items.map((e: { username: string }) => e.username)).has('anna.iii'),
    ).toBe(true);
    // Who it was, as a person reads it: the account's display name.
    await f.db.query(
      `UPDATE account SET display_name = 'Anna Bianchi' WHERE username = 'anna.iii'`,
    );
    const named = await f.call('coord.iii', 'GET', `/api/cases/${m.caseId}/access-log?limit=100`);
    expect(
      named.body.items.find((e: { username: string }) => e.username === 'anna.iii').displayName,
    ).toBe('Anna Bianchi');
  });

  it('the log cannot be changed: no route writes or deletes it, the table refuses UPDATE, DELETE and TRUNCATE', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await f.call('admin', method, '/api/audit/1');
      expect(response.status).toBe(404);
    }
    await expect(f.db.query(`UPDATE access_log SET username = 'x'`)).rejects.toThrow(/append-only/);
    await expect(f.db.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
    // Nor the other histories (issue 10, finding 8).
    for (const table of ['access_log', 'diary_entry', 'deadline_extension', 'case_decision']) {
      await expect(f.db.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    }
    // Not even entries older than 24 months, outside the purge.
    await f.db.query(
      `INSERT INTO access_log (at, username, role, action, entity, person_ids)
       VALUES (now() - interval '30 months', 'vecchio', 'caseworker', 'read', 'case', '{}')`,
    );
    await expect(f.db.query(`DELETE FROM access_log WHERE username = 'vecchio'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('purges entries older than a cut-off at least 24 months ago, as a logged admin action', async () => {
    const tooRecent = new Date();
    tooRecent.setUTCMonth(tooRecent.getUTCMonth() - 23);
    const refused = await f.call('admin', 'POST', '/api/audit/purge', {
      path: '',
      body: { before: tooRecent.toISOString().slice(0, 10) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details[0].field).toBe('before');

    const total = await logCount();
    const cutOff = new Date();
    cutOff.setUTCMonth(cutOff.getUTCMonth() - 25);
    const purged = await f.call('admin', 'POST', '/api/audit/purge', {
      path: '',
      body: { before: cutOff.toISOString().slice(0, 10) },
    });
    expect(purged.status).toBe(200);
    expect(purged.body.deleted).toBe(1); // the 30-month-old entry, nothing younger
    expect(await logCount()).toBe(total - 1 + 1);
    const [entry] = await f.db.query(
      `SELECT username, action, entity, reason FROM access_log ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ username: 'admin', action: 'purge', entity: 'access-log' });
    // Outside the purge's transaction the table refuses deletes again.
    await expect(f.db.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
  });

  it('a manager reads a case only once granted by the unit coordinator, until the grant expires, and never changes it', async () => {
    const g = f.grantCase;
    expect((await f.call('boss', 'GET', `/api/cases/${g.caseId}`)).status).toBe(404);
    const refused = await f.call('coord.v', 'POST', `/api/cases/${g.caseId}/grants`, {
      path: '',
      body: {
        managerId: f.ids.boss,
        reason: 'Verifica richiesta',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(refused.status).toBe(404);
    const tooLong = await f.call('coord.iii', 'POST', `/api/cases/${g.caseId}/grants`, {
      path: '',
      body: {
        managerId: f.ids.boss,
        reason: 'Verifica richiesta',
        expiresAt: new Date(Date.now() + 200 * 86_400_000).toISOString(),
      },
    });
    expect(tooLong.status).toBe(400);
    const notManager = await f.call('coord.iii', 'POST', `/api/cases/${g.caseId}/grants`, {
      path: '',
      body: {
        managerId: f.ids['bruno.iii'],
        reason: 'Verifica richiesta',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(notManager.status).toBe(400);

    const since = await lastId();
    const granted = await f.call('coord.iii', 'POST', `/api/cases/${g.caseId}/grants`, {
      path: '',
      body: {
        managerId: f.ids.boss,
        reason: 'Verifica della gestione del caso',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ manager: 'boss', grantedBy: 'coord.iii' });
    expect(await newEntries(since)).toEqual([
      expect.objectContaining({ username: 'coord.iii', action: 'create', entity: 'grant' }),
    ]);

    const read = await f.call('boss', 'GET', `/api/cases/${g.caseId}`);
    expect(read.status).toBe(200);
    const listed = await f.call('boss', 'GET', '/api/cases');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([g.caseId]);
    expect((await f.call('boss', 'GET', `/api/cases/${f.main.caseId}`)).status).toBe(404);
    const write = await f.call('boss', 'POST', `/api/cases/${g.caseId}/diary`, {
      path: '',
      body: { kind: 'note', occurredAt: '2026-03-04T09:00:00Z', text: 'x' },
    });
    expect(write.status).toBe(403);

    await f.db.query(`UPDATE case_grant SET expires_at = now() - interval '1 second'`);
    expect((await f.call('boss', 'GET', `/api/cases/${g.caseId}`)).status).toBe(404);
  });

  it('gives managers the caseload of every unit against the LEPS target, with no personal data', async () => {
    expect(
      (
        await f.call('admin', 'PATCH', '/api/stats/units/III', {
          path: '',
          body: { population: 72_001 },
        })
      ).status,
    ).toBe(200);
    const response = await f.call('boss', 'GET', '/api/stats/caseloads');
    expect(response.status).toBe(200);
    expect(response.body.units.map((u: { unitCode: string }) => u.unitCode)).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
    ]);
    const iii = response.body.units.find((u: { unitCode: string }) => u.unitCode === 'III');
    const [{ open }] = await f.db.query(
      `SELECT count(*)::int AS open FROM social_case WHERE unit_code = 'III' AND status = 'open'`,
    );
    expect(iii).toMatchObject({
      openCases: open,
      socialWorkers: 2,
      population: 72_001,
      requiredSocialWorkers: 15,
      furtherTargetSocialWorkers: 19,
      meetsTarget: false,
      runningDeadlines: 1,
    });
    expect(iii.openTasks).toBeGreaterThan(0);
    const v = response.body.units.find((u: { unitCode: string }) => u.unitCode === 'V');
    expect(v).toMatchObject({ population: null, requiredSocialWorkers: null, meetsTarget: null });
    expect(JSON.stringify(response.body)).not.toMatch(/Rossi|SSC-/);
  });
});

import { buildPersonTaxCode } from '../../src/cases/tax-code/__tests__/build-person-tax-code';
import { TestApp } from './test-app';

export interface ListedTask {
  id: string;
  assignee: string | null;
  bpmnProcessId: string;
}

/** The tasklist fills from the engine in the background: wait for a task to show in a view. */
export async function taskIn(
  server: Pick<TestApp, 'request'>,
  token: string,
  view: string,
  caseNumber: string,
  name: string,
  attempts = 100,
): Promise<ListedTask> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const page = await server.request('GET', `/api/tasks?view=${view}&caseNumber=${caseNumber}`, {
      token,
    });
    const task = (page.body.items ?? []).find((t: { name: string }) => t.name === name);
    if (task) return task;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no task «${name}» for ${caseNumber} in the ${view} view`);
}

/** A filled-in access sheet of the Segretariato intake: a minor, to be taken in charge. */
export function minorsAccessSheet() {
  return {
    accessDate: '2026-11-26',
    channel: 'referred',
    referrerType: 'line114',
    referrerName: 'Servizio 114',
    personConcerned: {
      lastName: 'Verdi',
      firstName: 'Paolo',
      taxCode: buildPersonTaxCode({
        letters: 'VRDPLA',
        birthDate: '2014-06-02',
        sex: 'M',
        placeCode: 'G273',
      }),
    },
    expressedRequest: 'Verifica della situazione del minore e del nucleo.',
    userArea: 'familyAndMinors',
    reasons: ['family'],
    outcome: 'takeInCharge',
    pathToOpen: 'minors',
  };
}

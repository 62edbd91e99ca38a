import { readUserTaskHeaders } from './user-task-headers.util';

describe('readUserTaskHeaders', () => {
  it('reads the headers the engine writes for a user task', () => {
    expect(
      readUserTaskHeaders({
        'io.camunda.zeebe:assignee': 'assistente.iii',
        'io.camunda.zeebe:candidateGroups': '["caseworker-III","coordinator-III"]',
        'io.camunda.zeebe:candidateUsers': '["ada"]',
        'io.camunda.zeebe:dueDate': '2026-03-12T09:00:00.000Z',
        'io.camunda.zeebe:followUpDate': '2026-03-10T10:00:00+01:00',
        'io.camunda.zeebe:formKey': 'primo-colloquio',
        priority: '80',
        path: 'adi',
      }),
    ).toEqual({
      assignee: 'assistente.iii',
      candidateGroups: ['caseworker-III', 'coordinator-III'],
      candidateUsers: ['ada'],
      dueAt: new Date('2026-03-12T09:00:00.000Z'),
      followUpAt: new Date('2026-03-10T09:00:00.000Z'),
      formKey: 'primo-colloquio',
      priority: 80,
      unreadable: [],
    });
  });

  it('defaults: nobody, no candidates, no dates, no form, priority 50', () => {
    expect(readUserTaskHeaders({})).toEqual({
      assignee: null,
      candidateGroups: [],
      candidateUsers: [],
      dueAt: null,
      followUpAt: null,
      formKey: null,
      priority: 50,
      unreadable: [],
    });
  });

  it('drops malformed headers and names them', () => {
    const fields = readUserTaskHeaders({
      'io.camunda.zeebe:candidateGroups': 'caseworker-III',
      'io.camunda.zeebe:dueDate': 'domani',
      priority: '101',
    });
    expect(fields).toMatchObject({ candidateGroups: [], dueAt: null, priority: 50 });
    expect(fields.unreadable).toEqual([
      'priority',
      'io.camunda.zeebe:candidateGroups',
      'io.camunda.zeebe:dueDate',
    ]);
  });
});

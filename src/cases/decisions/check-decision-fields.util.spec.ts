import { checkDecisionFields } from './check-decision-fields.util';
import { decisionKind } from './decision-catalog';

const validation = decisionKind('urgent-removal-validation')!;
const eviction = decisionKind('eviction-date')!;

describe('checkDecisionFields', () => {
  it('keeps the known fields, trimmed, and drops empty optional ones', () => {
    expect(
      checkDecisionFields(eviction, {
        evictionDate: ' 2026-04-16 ',
        reference: '',
        communicatedOn: null,
      }),
    ).toEqual({ values: { evictionDate: '2026-04-16' }, problems: [] });
  });

  it('refuses unknown keys, missing required fields, impossible dates and unknown choices', () => {
    const { problems } = checkDecisionFields(validation, {
      outcome: 'maybe',
      decreeDate: '2026-02-30',
      judge: 'Rossi',
    });
    expect(problems).toEqual([
      { field: 'fields.judge', messages: ['campo non previsto'] },
      { field: 'fields.outcome', messages: ['valore non ammesso'] },
      { field: 'fields.decreeDate', messages: ['deve essere una data (AAAA-MM-GG)'] },
    ]);
    expect(checkDecisionFields(eviction, {}).problems).toEqual([
      { field: 'fields.evictionDate', messages: ['campo obbligatorio'] },
    ]);
  });

  it('asks for the hearing date only when the removal is validated', () => {
    const revoked = checkDecisionFields(validation, {
      outcome: 'revoked',
      decreeDate: '2026-03-04',
    });
    expect(revoked.problems).toEqual([]);
    const validated = checkDecisionFields(validation, {
      outcome: 'validated',
      decreeDate: '2026-03-04',
    });
    expect(validated.problems).toEqual([
      {
        field: 'fields.hearingDate',
        messages: ['obbligatorio quando «Esito» è «Provvedimento convalidato»'],
      },
    ]);
  });

  it('refuses values that are not text and text too long', () => {
    const { problems } = checkDecisionFields(eviction, {
      evictionDate: 20260416,
      reference: 'x'.repeat(301),
    });
    expect(problems).toEqual([
      { field: 'fields.evictionDate', messages: ['deve essere un testo'] },
      { field: 'fields.reference', messages: ['troppo lungo'] },
    ]);
  });
});

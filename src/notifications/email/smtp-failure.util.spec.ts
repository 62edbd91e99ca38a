import { smtpFailure } from './smtp-failure.util';

const error = (code: string, message: string, responseCode?: number) =>
  Object.assign(new Error(message), { code, responseCode });

describe('smtpFailure', () => {
  it('treats a refused connection as the server being down, to retry later', () => {
    expect(smtpFailure(error('ESOCKET', 'connect ECONNREFUSED 127.0.0.1:2525'))).toEqual({
      code: 'ESOCKET',
      permanent: false,
      serverDown: true,
      description: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:2525',
    });
  });

  it('gives up on a recipient refused for good, and keeps the address out', () => {
    const failure = smtpFailure(
      error(
        'EENVELOPE',
        'Recipient command failed: 550 5.1.1 <mario.rossi@example.it> unknown',
        550,
      ),
    );
    expect(failure).toMatchObject({ permanent: true, serverDown: false });
    expect(failure.description).toBe(
      'EENVELOPE 550: Recipient command failed: 550 5.1.1 <<indirizzo>> unknown',
    );
  });

  it('retries a temporary refusal (4xx)', () => {
    expect(smtpFailure(error('EENVELOPE', 'greylisted', 451)).permanent).toBe(false);
  });

  it('copes with anything thrown, and stays short', () => {
    expect(smtpFailure('x'.repeat(2000))).toMatchObject({ code: 'EUNKNOWN', permanent: false });
    expect(smtpFailure(undefined).description.length).toBeLessThanOrEqual(500);
    expect(smtpFailure(error('EMESSAGE', 'y'.repeat(2000), 554)).description).toHaveLength(500);
  });
});

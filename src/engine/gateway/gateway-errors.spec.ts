import { status } from '@grpc/grpc-js';
import { Logger } from '@nestjs/common';
import { DeploymentRejectedError, EngineConflictError, EngineNotFoundError } from '../engine.port';
import { GatewayError, toStatus } from './gateway-errors';

describe('toStatus', () => {
  const logger = { error: jest.fn() } as unknown as Logger & { error: jest.Mock };
  const answer = (error: unknown) => {
    const { code, details } = toStatus(error, 'CompleteJob', logger);
    return { code, details };
  };

  it('maps the port errors to Zeebe status codes, with their messages', () => {
    expect(answer(new EngineNotFoundError('job 1 not found'))).toEqual({
      code: status.NOT_FOUND,
      details: 'job 1 not found',
    });
    expect(answer(new EngineConflictError('job 1 is failed'))).toEqual({
      code: status.FAILED_PRECONDITION,
      details: 'job 1 is failed',
    });
    expect(answer(new GatewayError(status.ALREADY_EXISTS, 'twice'))).toEqual({
      code: status.ALREADY_EXISTS,
      details: 'twice',
    });
  });

  it('lists a refused model problems, one a line, with where they are', () => {
    const refused = new DeploymentRejectedError('Il modello a.bpmn non può essere pubblicato.', [
      { code: 'XML_MALFORMED', message: 'unexpected close tag', line: 3, column: 7 },
      { code: 'NOT_EXECUTABLE', message: 'no type', elementId: 'task1' },
      { code: 'RULE', message: 'bad' },
    ]);
    expect(answer(refused)).toEqual({
      code: status.INVALID_ARGUMENT,
      details: [
        'Il modello a.bpmn non può essere pubblicato.',
        'XML_MALFORMED: unexpected close tag (line 3, column 7)',
        "NOT_EXECUTABLE: no type (element 'task1')",
        'RULE: bad',
      ].join('\n'),
    });
  });

  it('answers anything else with a generic INTERNAL and logs it in full', () => {
    const fault = new Error('relation "job" does not exist');
    expect(answer(fault)).toEqual({
      code: status.INTERNAL,
      details: 'CompleteJob failed on the server',
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('relation "job" does not exist'),
    );
  });
});

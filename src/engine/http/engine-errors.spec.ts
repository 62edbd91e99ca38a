import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { DeploymentRejectedError, EngineConflictError, EngineNotFoundError } from '../engine.port';
import { callEngine } from './engine-errors';

describe('callEngine', () => {
  it('passes results through', async () => {
    await expect(callEngine(async () => 42)).resolves.toBe(42);
  });

  it('maps not found to 404 and conflict to 409, with the caller’s answers when given', async () => {
    await expect(
      callEngine(() => Promise.reject(new EngineNotFoundError('job 1 not found'))),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      callEngine(() => Promise.reject(new EngineConflictError('x'))),
    ).rejects.toBeInstanceOf(ConflictException);
    const answer = new ConflictException('L’istanza di processo è già conclusa.');
    await expect(
      callEngine(() => Promise.reject(new EngineNotFoundError('ended')), { notFound: answer }),
    ).rejects.toBe(answer);
  });

  it('maps a refused deployment to 400 with its problems, and only their public fields', async () => {
    const problem = {
      code: 'XML_MALFORMED',
      message: 'XML non valido',
      line: 3,
      column: 7,
      detail: 'unexpected close tag',
    };
    const error = await callEngine(() =>
      Promise.reject(
        new DeploymentRejectedError('Il modello x.bpmn non può essere pubblicato.', [problem]),
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).getResponse()).toEqual({
      message: 'Il modello x.bpmn non può essere pubblicato.',
      details: [
        {
          code: 'XML_MALFORMED',
          message: 'XML non valido',
          line: 3,
          column: 7,
          elementId: undefined,
          rule: undefined,
        },
      ],
    });
  });

  it('lets other errors through (500)', async () => {
    const boom = new Error('database down');
    await expect(callEngine(() => Promise.reject(boom))).rejects.toBe(boom);
  });
});

export type CommandErrorCode = 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT';

/** A command the instance cannot take (Zeebe answers NOT_FOUND / INVALID_STATE). */
export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

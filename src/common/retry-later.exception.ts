import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 with a Retry-After header (set by the exception filter) saying when to try again. */
export class RetryLaterException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

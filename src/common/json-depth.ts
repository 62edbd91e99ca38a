import { BadRequestException } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * body-parser's `verify`: a body nested deeper than `maxDepth` is refused from its raw bytes,
 * before JSON.parse and the validation (which recurses, and overflowed the stack at 10,000
 * levels) see it. One pass, no allocation; brackets inside strings do not count.
 */
export function refuseDeepJson(maxDepth: number) {
  return (_request: IncomingMessage, _response: ServerResponse, body: Buffer): void => {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < body.length; i++) {
      const byte = body[i];
      if (inString) {
        if (byte === BACKSLASH) i++;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) inString = true;
      else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (++depth > maxDepth) {
          throw new BadRequestException(
            `Dati annidati oltre ${maxDepth} livelli: la richiesta non è accettata.`,
          );
        }
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
    }
  };
}

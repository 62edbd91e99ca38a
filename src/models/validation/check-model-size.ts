import type { ValidationProblem } from './validation-result';

const KIB = 1024;
const MIB = 1024 * 1024;
const italianNumber = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });

/**
 * Refuses a model larger than `maxBytes` UTF-8 bytes. Runs before anything
 * parses the text. (The upload route should also cap the request body, so a
 * huge file never becomes a string in the first place.)
 */
export function checkModelSize(xml: string, maxBytes: number): ValidationProblem | undefined {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes <= maxBytes) return undefined;
  return {
    code: 'TOO_LARGE',
    message:
      `Il file è troppo grande (${formatSize(bytes)}): il limite è ${formatSize(maxBytes)}. ` +
      'Controlla di aver scelto il file giusto; un modello BPMN pesa di solito poche decine di kB.',
  };
}

function formatSize(bytes: number): string {
  if (bytes >= MIB) return `${italianNumber.format(bytes / MIB)} MB`;
  if (bytes >= KIB) return `${italianNumber.format(bytes / KIB)} kB`;
  return `${bytes} byte`;
}

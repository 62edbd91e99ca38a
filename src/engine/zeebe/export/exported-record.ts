import { isInteger, isSafeNumber, parse } from 'lossless-json';

/**
 * A Zeebe 8.5 record as `zeebe-redis-exporter` writes it in its JSON format: the broker's own
 * `Record.toJson()`, one stream per value type (`<prefix>:<VALUE_TYPE>`), one field per entry.
 * Only what the read side uses is typed here.
 */
export interface ExportedRecord {
  partitionId: number;
  position: string;
  key: string;
  /** Epoch milliseconds, the broker's clock. */
  timestamp: number;
  recordType: 'EVENT' | 'COMMAND' | 'COMMAND_REJECTION';
  valueType: string;
  intent: string;
  value: Record<string, unknown>;
}

/** The value types the read side is made of; the exporter can be limited to these. */
export const READ_SIDE_VALUE_TYPES = [
  'PROCESS',
  'PROCESS_INSTANCE',
  'VARIABLE',
  'JOB',
  'JOB_BATCH',
  'INCIDENT',
  'PROCESS_MESSAGE_SUBSCRIPTION',
] as const;

export class MalformedRecordError extends Error {}

/**
 * Parses one exported record. Keys are int64 and from the fourth partition on exceed
 * JavaScript's safe integers: integers that do not fit stay strings, and every key is read
 * as a string.
 */
export function parseRecord(text: string): ExportedRecord {
  let raw: unknown;
  try {
    raw = parse(text, null, (digits) =>
      isInteger(digits) && !isSafeNumber(digits) ? digits : Number(digits),
    );
  } catch (error) {
    throw new MalformedRecordError(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(raw) || !isObject(raw.value)) throw new MalformedRecordError('no record value');
  const { partitionId, position, key, timestamp, recordType, valueType, intent } = raw;
  if (
    typeof partitionId !== 'number' ||
    !isKey(position) ||
    !isKey(key) ||
    typeof timestamp !== 'number' ||
    typeof valueType !== 'string' ||
    typeof intent !== 'string' ||
    (recordType !== 'EVENT' && recordType !== 'COMMAND' && recordType !== 'COMMAND_REJECTION')
  ) {
    throw new MalformedRecordError('missing record metadata');
  }
  return {
    partitionId,
    position: String(position),
    key: String(key),
    timestamp,
    recordType,
    valueType,
    intent,
    value: raw.value,
  };
}

/** A key field of a record value; Zeebe writes -1 for "none". */
export function keyOf(value: Record<string, unknown>, field: string): string | null {
  const key = value[field];
  if (!isKey(key)) return null;
  const text = String(key);
  return text === '-1' ? null : text;
}

export function textOf(value: Record<string, unknown>, field: string): string {
  const text = value[field];
  return typeof text === 'string' ? text : '';
}

function isKey(value: unknown): value is number | string {
  return (
    (typeof value === 'number' && Number.isInteger(value)) ||
    (typeof value === 'string' && /^-?\d+$/.test(value))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

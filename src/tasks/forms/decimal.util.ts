/**
 * Exact decimal arithmetic for number fields, where form-js uses big.js (decimal digits,
 * min/max, increment): `0.1 + 0.2` problems must not refuse a valid `0.3`.
 * A decimal is `units / 10^scale`, trailing fractional zeros removed (big.js does the same,
 * so `1.50` has one decimal digit, as in form-js's `countDecimals`).
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Reads a finite JavaScript number or a decimal string (`12`, `-0.5`, `1e-7`); undefined for
 * anything else (hex, blanks, `NaN`, `Infinity`).
 */
export function parseDecimal(value: number | string): Decimal | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  const match = DECIMAL_TEXT.exec(String(value));
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;
  let units = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (sign === '-') units = -units;
  return normalise({ units, scale });
}

/** Digits after the decimal point. */
export function decimalPlaces(value: Decimal): number {
  return value.scale;
}

/** -1, 0 or 1. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Whether `value` is a multiple of `increment`; if not, the two nearest values that are,
 * computed as form-js does (`value.mod(increment)` with big.js, remainder signed like `value`).
 */
export function checkIncrement(
  value: Decimal,
  increment: Decimal,
): { ok: true } | { ok: false; previous: Decimal; next: Decimal } {
  const [x, step, scale] = aligned(value, increment);
  if (step === 0n) return { ok: true };
  const offset = x % step;
  if (offset === 0n) return { ok: true };
  const previous = x - offset;
  return {
    ok: false,
    previous: normalise({ units: previous, scale }),
    next: normalise({ units: previous + step, scale }),
  };
}

/** Plain decimal notation, no exponent: `-0.05`, `12`. */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [
    a.units * 10n ** BigInt(scale - a.scale),
    b.units * 10n ** BigInt(scale - b.scale),
    scale,
  ];
}

function normalise(value: Decimal): Decimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

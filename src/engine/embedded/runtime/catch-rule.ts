import { ElementMetadata } from '../compiled-definition';

/** Zeebe's catch rule in a scope: an event naming the code first, then a catch-all. */
export function matchCode<T>(
  candidates: readonly T[],
  codeOf: (candidate: T) => string | undefined,
  code: string,
): T | undefined {
  return (
    candidates.find((c) => codeOf(c) === code) ?? candidates.find((c) => codeOf(c) === undefined)
  );
}

/** The catch event among these that takes an error or escalation with this code. */
export function catchingEvent(
  events: ReadonlyArray<ElementMetadata | undefined>,
  eventType: 'ERROR' | 'ESCALATION',
  code: string,
): ElementMetadata | undefined {
  const catching = events.filter((e): e is ElementMetadata => e?.eventType === eventType);
  return matchCode(
    catching,
    (e) => (eventType === 'ERROR' ? e.error?.code : e.escalation?.code),
    code,
  );
}

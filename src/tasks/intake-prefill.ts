import { romeDateOf } from '../deadlines/calendar';
import { Variables } from '../engine/engine.port';

/** The access sheet of the Segretariato's intake (bpmn/forms/intake-access-sheet.form). */
export const ACCESS_SHEET_FORM = 'intake-access-sheet';
/** The urgent request's triage (bpmn/forms/urgent-triage.form), on a case opened from a referral. */
export const URGENT_TRIAGE_FORM = 'urgent-triage';

/** What the front office registered (src/cases/referrals.service.ts), as the sheet needs it. */
export interface RegisteredReferral {
  receivedAt: Date;
  channel: string;
  senderName: string | null;
  requestText: string;
  person: {
    surname: string;
    name: string;
    taxCode: string | null;
    birthDate: string | null;
  } | null;
}

/** The referral's channels (referral.entity.ts) as the sheet's "Inviato da" names them. */
const REFERRER_TYPES: Record<string, string> = {
  police: 'police',
  'line-114': 'line114',
  hospital: 'hospital',
  court: 'court',
  asp: 'asp',
  school: 'school',
  municipality: 'otherMunicipality',
  'third-sector': 'thirdSector',
};

/**
 * The access sheet opens with what the sportello already registered, so the social worker does
 * not type it again: date, channel, who sent it, the request in its words, the person concerned.
 * The request's text never travels as a process variable (it stays in the referral); it is read
 * here when the form opens, under the task's rule, and logged.
 */
export function accessSheetPrefill(referral: RegisteredReferral): Variables {
  const referred = referral.channel !== 'spontaneous';
  const prefill: Variables = {
    accessDate: romeDateOf(referral.receivedAt),
    channel: referred ? 'referred' : 'spontaneous',
    expressedRequest: referral.requestText,
  };
  if (referred && REFERRER_TYPES[referral.channel])
    prefill.referrerType = REFERRER_TYPES[referral.channel];
  if (referred && referral.senderName) prefill.referrerName = referral.senderName.slice(0, 200);
  if (referral.person) {
    prefill.personConcerned = {
      lastName: referral.person.surname,
      firstName: referral.person.name,
      ...(referral.person.taxCode ? { taxCode: referral.person.taxCode } : {}),
      ...(referral.person.birthDate ? { birthDate: referral.person.birthDate } : {}),
    };
  }
  return prefill;
}

/** The referral's channels as the triage's "Chi segnala" names them; others are "Altro". */
const REQUEST_SOURCES: Record<string, string> = {
  police: 'police',
  'line-114': 'line114',
  hospital: 'hospital',
};

/**
 * The triage of an urgent request opens with what the referral it came from says: who sent it,
 * when it arrived, the situation in the sender's words. What the path already holds wins (a
 * triage saved halfway, a reception time given at the start).
 */
export function urgentTriagePrefill(referral: RegisteredReferral): Variables {
  return {
    requestSource: REQUEST_SOURCES[referral.channel] ?? 'other',
    receivedAt: referral.receivedAt.toISOString(),
    situation: referral.requestText.slice(0, 4000),
  };
}

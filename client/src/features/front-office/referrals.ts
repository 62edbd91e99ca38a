import { api } from '../../api/client';

/** A referral as GET /api/referrals lists it. */
export interface Referral {
  id: string;
  referralNumber: string;
  receivedAt: string;
  channel: string;
  senderName: string | null;
  urgency: string;
  status: string;
  outcome: string | null;
  personId: string | null;
  personName: string | null;
  subjectDescription: string | null;
  caseId: string | null;
  caseNumber: string | null;
  documentsCount: number;
  createdByName: string | null;
}

export interface ReferralDetail extends Referral {
  requestText: string;
  processInstanceKey: string | null;
}

export interface NewReferral {
  channel: string;
  senderName?: string;
  urgency: string;
  personId?: string;
  subjectDescription?: string;
  requestText: string;
  receivedAt?: string;
}

export const registerReferral = (referral: NewReferral) =>
  api<{ id: string; referralNumber: string }>('POST', '/referrals', referral);

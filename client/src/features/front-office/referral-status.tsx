import { Badge } from 'design-react-kit';
import { REFERRAL_STATUSES, URGENCIES } from './labels';

export function ReferralStatus({ status }: { status: string }) {
  const known = REFERRAL_STATUSES[status];
  return <Badge color={known?.color ?? 'secondary'}>{known?.label ?? status}</Badge>;
}

export function UrgencyBadge({ urgency }: { urgency: string }) {
  const known = URGENCIES[urgency];
  return <Badge color={known?.color ?? 'secondary'}>{known?.label ?? urgency}</Badge>;
}

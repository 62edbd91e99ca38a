import { Link } from 'wouter';
import { Column, DataTable } from '../../ui/data-table';
import { dateTime } from '../../ui/format';
import { CHANNELS } from './labels';
import { ReferralStatus, UrgencyBadge } from './referral-status';
import { Referral } from './referrals';

const COLUMNS: Column<Referral>[] = [
  {
    label: 'Numero',
    cell: (r) => <Link href={`/sportello/segnalazioni/${r.id}`}>{r.referralNumber}</Link>,
  },
  { label: 'Ricevuta', cell: (r) => dateTime(r.receivedAt) },
  {
    label: 'Canale',
    cell: (r) => (
      <>
        {CHANNELS[r.channel] ?? r.channel}
        {r.senderName && <div className="small text-secondary">{r.senderName}</div>}
      </>
    ),
  },
  { label: 'Persona interessata', cell: (r) => r.personName ?? r.subjectDescription ?? '—' },
  { label: 'Urgenza', cell: (r) => <UrgencyBadge urgency={r.urgency} /> },
  { label: 'Stato', cell: (r) => <ReferralStatus status={r.status} /> },
];

export function ReferralTable({ caption, rows }: { caption: string; rows: Referral[] }) {
  return (
    <DataTable
      caption={caption}
      columns={COLUMNS}
      rows={rows}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ 'data-referral': r.referralNumber })}
    />
  );
}

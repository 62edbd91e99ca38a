import { Link } from 'wouter';
import { useAccount } from '../../session/use-session';
import { Loaded, Notice, useFlash } from '../../ui/feedback';
import { count, dateTime } from '../../ui/format';
import { Page, Section } from '../../ui/page';
import { useApi } from '../../ui/use-api';
import { Documents, DocumentUpload } from '../documents/documents';
import { CHANNELS } from './labels';
import { ReferralStatus, UrgencyBadge } from './referral-status';
import { ReferralDetail } from './referrals';

/**
 * A referral: its register number, where it stands, what was asked and by whom; documents can be
 * attached. The front office attaches but does not read the attachments (they may hold
 * special-category data); the unit's social workers do.
 */
export function ReferralScreen({ params }: { params: { id?: string } }) {
  const account = useAccount();
  const flash = useFlash();
  const referral = useApi<ReferralDetail>(`/referrals/${params.id}`);
  const social = account.role === 'caseworker' || account.role === 'coordinator';
  return (
    <Loaded state={referral}>
      {(r) => (
        <Page
          title={`Segnalazione ${r.referralNumber}`}
          lead={<ReferralStatus status={r.status} />}
          back={{ href: '/sportello/segnalazioni', label: 'Segnalazioni' }}
        >
          <Notice>{flash}</Notice>
          <dl className="facts">
            <dt>Ricevuta il</dt>
            <dd>{dateTime(r.receivedAt)}</dd>
            <dt>Canale</dt>
            <dd>
              {CHANNELS[r.channel] ?? r.channel}
              {r.senderName ? ` · ${r.senderName}` : ''}
            </dd>
            <dt>Urgenza</dt>
            <dd>
              <UrgencyBadge urgency={r.urgency} />
            </dd>
            <dt>Persona interessata</dt>
            <dd>
              {r.personId ? (
                <Link href={`/sportello/persone/${r.personId}`}>{r.personName ?? 'scheda'}</Link>
              ) : (
                (r.subjectDescription ?? 'non indicata')
              )}
            </dd>
            <dt>Registrata da</dt>
            <dd>{r.createdByName ?? '—'}</dd>
            {r.caseNumber && (
              <>
                <dt>Cartella</dt>
                <dd>
                  {social ? (
                    <Link href={`/casi/${r.caseNumber}`}>{r.caseNumber}</Link>
                  ) : (
                    r.caseNumber
                  )}
                </dd>
              </>
            )}
          </dl>
          <Section title="Richiesta" id="richiesta">
            <p className="text-prewrap">{r.requestText}</p>
          </Section>
          <Section title="Documenti allegati" id="documenti">
            {social ? (
              <Documents base={`/referrals/${r.id}/documents`} />
            ) : (
              <>
                <p>
                  {r.documentsCount === 0
                    ? 'Nessun documento allegato.'
                    : `${count(r.documentsCount, 'documento allegato', 'documenti allegati')}: li consultano gli assistenti sociali dell’unità.`}
                </p>
                <DocumentUpload
                  base={`/referrals/${r.id}/documents`}
                  onUploaded={referral.reload}
                />
              </>
            )}
          </Section>
        </Page>
      )}
    </Loaded>
  );
}

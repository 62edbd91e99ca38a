import { Option } from '../../ui/fields';

/** The referral's channels (src/cases/entities/referral.entity.ts) as the sportello names them. */
export const CHANNELS: Record<string, string> = {
  spontaneous: 'Accesso spontaneo',
  police: 'Forze dell’ordine',
  'line-114': 'Linea 114 Emergenza infanzia',
  hospital: 'Ospedale',
  court: 'Autorità giudiziaria',
  asp: 'ASP (azienda sanitaria)',
  school: 'Scuola',
  municipality: 'Altro Comune',
  'third-sector': 'Terzo settore',
  other: 'Altro',
};

export const URGENCIES: Record<string, { label: string; color: string }> = {
  ordinary: { label: 'Ordinaria', color: 'secondary' },
  urgent: { label: 'Urgente', color: 'warning' },
  immediate: { label: 'Immediata', color: 'danger' },
};

/** Where a referral stands (GET /api/referrals `status`). */
export const REFERRAL_STATUSES: Record<string, { label: string; color: string }> = {
  received: { label: 'Registrata', color: 'primary' },
  'in-intake': { label: 'In valutazione', color: 'primary' },
  'case-opened': { label: 'Presa in carico: cartella aperta', color: 'success' },
  closed: { label: 'Chiusa', color: 'secondary' },
};

/** The relationships a household member may have (the API's suggestions). */
export const RELATIONSHIPS = [
  'intestatario',
  'coniuge',
  'convivente',
  'figlio/a',
  'genitore',
  'altro parente',
  'altro',
];

export const options = (labels: Record<string, string | { label: string }>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({
    value,
    label: typeof label === 'string' ? label : label.label,
  }));

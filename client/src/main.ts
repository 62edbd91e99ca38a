import './styles.css';
import { api, ApiError, whenSignedOut } from './api';
import { h, message, show } from './dom';
import { loginScreen } from './screens/login';
import { tasklistScreen } from './screens/tasklist';
import { home } from './nav';
import { Account, ROLE_LABELS, session } from './session';

/** A screen draws itself into `root` and may return what to release when it is left. */
export type Screen = (root: HTMLElement, param: string) => Promise<(() => void) | void>;

/**
 * Hash routes (`#/attivita/123`), each for some roles. Screens with form-js or bpmn-js are
 * loaded when first opened: the tasklist does not wait for the modeler.
 */
const SOCIAL: Account['role'][] = ['caseworker', 'coordinator'];
const routes: Array<[RegExp, () => Promise<Screen>, Account['role'][]]> = [
  [/^#\/attivita\/(\d+)$/, async () => (await import('./screens/task')).taskScreen, SOCIAL],
  [/^#\/attivita$/, async () => tasklistScreen, SOCIAL],
  [/^#\/casi\/([A-Z0-9-]+)$/, async () => (await import('./screens/case')).caseScreen, SOCIAL],
  [
    /^#\/istanze\/(\d+)$/,
    async () => (await import('./screens/instances')).instanceScreen,
    ['admin'],
  ],
  [/^#\/istanze$/, async () => (await import('./screens/instances')).instanceListScreen, ['admin']],
  [
    /^#\/carichi$/,
    async () => (await import('./screens/caseloads')).caseloadsScreen,
    ['manager', 'admin'],
  ],
  [
    /^#\/modelli(?:\/(\d+))?$/,
    async () => (await import('./screens/models')).modelsScreen,
    ['admin'],
  ],
];

const bar = document.getElementById('bar')!;
const root = document.getElementById('app')!;
let leave: (() => void) | void;

function drawBar(who: Account | null): void {
  if (!who) return show(bar, h('strong', {}, 'Percorsi'));
  const links: Array<[string, string]> =
    who.role === 'admin'
      ? [
          ['#/modelli', 'Modelli'],
          ['#/istanze', 'Istanze'],
          ['#/carichi', 'Carichi di lavoro'],
        ]
      : who.role === 'caseworker' || who.role === 'coordinator'
        ? [['#/attivita', 'Attività']]
        : who.role === 'manager'
          ? [['#/carichi', 'Carichi di lavoro']]
          : [];
  show(
    bar,
    h('strong', {}, 'Percorsi'),
    h('nav', {}, ...links.map(([href, label]) => h('a', { href }, label))),
    h(
      'span',
      { class: 'who' },
      `${who.displayName} · ${ROLE_LABELS[who.role]}${who.unitCode ? ` · unità ${who.unitCode}` : ''}`,
    ),
    h('button', { type: 'button', onclick: signOut }, 'Esci'),
  );
}

function signOut(): void {
  session.end();
  location.hash = '#/accesso';
}

async function route(): Promise<void> {
  leave?.();
  leave = undefined;
  let who = session.account();
  if (!who && session.token()) {
    // A reload: the token survived in sessionStorage, the account is asked again.
    who = await api<Account>('GET', '/auth/me').catch(() => null);
    if (who) session.remember(who);
  }
  drawBar(who);
  if (!who) {
    if (location.hash !== '#/accesso') location.hash = '#/accesso';
    else await loginScreen(root);
    return;
  }
  for (const [pattern, load, roles] of routes) {
    const match = pattern.exec(location.hash);
    if (!match) continue;
    if (!roles.includes(who.role)) break;
    try {
      leave = await (await load())(root, match[1] ?? '');
    } catch (error) {
      show(
        root,
        message(
          'error',
          error instanceof ApiError ? error.message : 'Errore imprevisto: ricaricare la pagina.',
        ),
      );
      if (!(error instanceof ApiError)) console.error(error);
    }
    return;
  }
  if (location.hash === '#/benvenuto' || home(who) === '#/benvenuto') {
    show(
      root,
      h(
        'p',
        {},
        'Le funzioni per il proprio ruolo non sono ancora disponibili in questa interfaccia.',
      ),
    );
    return;
  }
  location.hash = home(who);
}

whenSignedOut(() => {
  location.hash = '#/accesso';
});
window.addEventListener('hashchange', () => void route());
void route();

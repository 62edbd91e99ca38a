import { useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { Account, session, SessionState, SessionTokens } from './session';

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.state);
}

/** The signed-in account; screens under the shell always have one. */
export function useAccount(): Account {
  const account = useSession().account;
  if (!account) throw new Error('useAccount outside a signed-in screen');
  return account;
}

/** Keeps the tokens of a login (password or OIDC code) and learns who signed in. */
export async function beginSession(tokens: SessionTokens): Promise<Account> {
  session.keep(tokens);
  const account = await api<Account>('GET', '/auth/me');
  session.signedIn(account);
  return account;
}

/** After a reload: the tokens survived in sessionStorage, the account is asked again. */
export async function resumeSession(): Promise<Account | null> {
  if (!session.stored()) return null;
  const account = await api<Account>('GET', '/auth/me').catch(() => null);
  if (account) session.signedIn(account);
  else session.end();
  return account;
}

export async function signOut(): Promise<void> {
  // The session ends on the server too; a failure here still forgets it in the browser.
  await api('POST', '/auth/logout').catch(() => undefined);
  session.end();
}

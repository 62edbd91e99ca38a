import { api, ApiError } from '../api';
import { h, message, show } from '../dom';
import { goHome } from '../nav';
import { Account, session } from '../session';

export async function loginScreen(root: HTMLElement): Promise<void> {
  const username = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const feedback = h('div', {});
  const form = h(
    'form',
    { class: 'login', onsubmit: (event: Event) => void submit(event) },
    h('h1', {}, 'Accesso'),
    h('label', { for: 'username' }, 'Nome utente'),
    username,
    h('label', { for: 'password' }, 'Password'),
    password,
    h('button', { type: 'submit' }, 'Entra'),
    feedback,
  );
  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    show(feedback);
    try {
      const { accessToken } = await api<{ accessToken: string }>('POST', '/auth/login', {
        username: username.value,
        password: password.value,
      });
      session.start(accessToken);
      session.remember(await api<Account>('GET', '/auth/me'));
      goHome();
    } catch (error) {
      session.end();
      show(feedback, message('error', error instanceof ApiError ? error.message : String(error)));
    }
  }
  show(root, form);
  username.focus();
}

import { session, SessionTokens } from '../session/session';

/** A field's messages in a 400 answer (`details` of the API's one error shape). */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/** A refused answer: the server's Italian message, its status and details as sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** As the server sent it: per-field problems (an array) or facts (e.g. `{ personId }`). */
    readonly details: unknown = undefined,
  ) {
    super(message);
  }

  /** The per-field problems of a 400, when the server gave them. */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldProblem =>
        typeof d === 'object' && d !== null && 'field' in d && 'messages' in d,
    );
  }
}

export const SESSION_EXPIRED = 'La sessione è scaduta: accedere di nuovo per continuare.';
const UNREACHABLE = 'Il servizio non risponde: controllare la connessione e riprovare.';

/** Renew the access token this long before it expires. */
const RENEW_MARGIN_MS = 60_000;
let renewing: Promise<string | null> | null = null;

/** Trades the refresh token for a new pair; one call at a time however many requests wait. */
function renew(): Promise<string | null> {
  renewing ??= (async () => {
    const stored = session.stored();
    if (!stored || stored.endsAt <= Date.now()) return null;
    const response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: stored.refreshToken }),
    }).catch(() => null);
    if (!response) throw new ApiError(0, UNREACHABLE);
    if (!response.ok) return null;
    const tokens = (await response.json()) as SessionTokens;
    // The session may have ended (or a new one begun) while the answer travelled: keep it ended.
    if (session.stored()?.refreshToken !== stored.refreshToken) return null;
    session.keep(tokens);
    return tokens.accessToken;
  })().finally(() => {
    renewing = null;
  });
  return renewing;
}

/** A valid access token, renewed first when it is about to expire; null when signed out. */
export async function accessToken(): Promise<string | null> {
  const stored = session.stored();
  if (!stored) return null;
  if (stored.accessExpiresAt - Date.now() > RENEW_MARGIN_MS) return stored.accessToken;
  return renew();
}

type Body = unknown | FormData;

async function send(method: string, path: string, body: Body, token: string | null) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  return fetch(`/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  }).catch(() => {
    throw new ApiError(0, UNREACHABLE);
  });
}

/**
 * Calls the API as the signed-in user. A 401 is retried once with a renewed token (the token
 * may have expired in flight); if the session cannot be renewed it ends, and the app shows
 * the login, which brings the user back to where they were.
 */
export async function request(method: string, path: string, body?: Body): Promise<Response> {
  let token = await accessToken();
  let response = await send(method, path, body, token);
  if (response.status === 401 && token) {
    token = await renew();
    if (token) response = await send(method, path, body, token);
    if (!token || response.status === 401) {
      session.end(SESSION_EXPIRED);
      throw new ApiError(401, SESSION_EXPIRED);
    }
  }
  if (response.ok) return response;
  const error = await response.json().catch(() => ({}));
  throw new ApiError(
    response.status,
    typeof error.message === 'string' ? error.message : `Errore ${response.status}.`,
    error.details,
  );
}

/** JSON in, JSON out (undefined for 204). */
export async function api<T>(method: string, path: string, body?: Body): Promise<T> {
  const response = await request(method, path, body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A text answer, such as a model's XML. */
export async function apiText(path: string): Promise<string> {
  return (await request('GET', path)).text();
}

/**
 * Saves a file the API serves (a document): links cannot carry the token, so it is fetched
 * and handed to the browser under the name the server gives.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request('GET', path);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name =
    /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ??
    /filename="([^"]+)"/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string of the defined, non-empty values. */
export function query(
  params: Record<string, string | number | boolean | null | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A page of a list, as the API's list routes answer. */
export interface Page<T> {
  items: T[];
  total: number;
  limit?: number;
  offset?: number;
}

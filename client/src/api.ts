import { session } from './session';

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
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

/** Called on a 401 of a signed-in call: the session is over, back to the login. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const token = session.token();
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => {
    throw new ApiError(0, 'Il servizio non risponde: controllare la connessione e riprovare.');
  });
  if (response.ok) return response;
  const error = await response.json().catch(() => ({}));
  if (response.status === 401 && token) {
    session.end();
    onSignedOut();
  }
  throw new ApiError(
    response.status,
    typeof error.message === 'string' ? error.message : `Errore ${response.status}.`,
    Array.isArray(error.details) ? error.details : [],
  );
}

/** JSON in, JSON out (undefined for 204). */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await call(method, path, body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A text answer, such as a model's XML. */
export async function apiText(path: string): Promise<string> {
  return (await call('GET', path)).text();
}

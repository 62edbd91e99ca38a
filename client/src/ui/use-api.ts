import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Asks again (after a change the screen made). */
  reload: () => void;
}

/** An unexpected failure as the API's error shape, so screens show one kind of message. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error(error);
  return new ApiError(0, 'Errore imprevisto: ricaricare la pagina.');
}

/**
 * GET of an API path while the component lives; `null` asks nothing (a value not known yet).
 * A newer path or a reload wins over an answer still in flight.
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    api<T>('GET', path).then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) =>
        current && setState({ data: undefined, error: asApiError(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

/**
 * An action the user starts (a claim, a save): `run` reports whether it worked, `busy` disables
 * the button meanwhile, `error` is the refusal to show.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(asApiError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error, clearError: () => setError(undefined) };
}

/**
 * Like useApi for what takes more than one GET (several pages, a list and a file): `load` runs
 * again when `key` changes or on reload; a newer run wins over one still in flight.
 */
export function useAsync<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: key !== null,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    load().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) =>
        current && setState({ data: undefined, error: asApiError(error), loading: false }),
    );
    return () => {
      current = false;
    };
    // `load` is a new function at every render; `key` says when it asks something else.
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

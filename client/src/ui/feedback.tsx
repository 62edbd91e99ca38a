import { Spinner } from 'design-react-kit';
import { ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

/**
 * A refusal or failure, read out by screen readers as it appears. The design system's alert
 * markup without its fade-in, which left a message half transparent for a moment.
 */
export function ErrorAlert({ error }: { error: ApiError | string | undefined | null }) {
  if (!error) return null;
  return (
    <div className="alert alert-danger" role="alert">
      {typeof error === 'string' ? error : error.message}
    </div>
  );
}

/** A confirmation of what the user just did. */
export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

export function Loading({ label = 'Caricamento in corso…' }: { label?: string }) {
  return (
    <div className="d-flex align-items-center gap-2 my-3" role="status">
      <Spinner active small />
      <span>{label}</span>
    </div>
  );
}

/** Something to say when a list is empty. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-secondary my-3">{children}</p>;
}

/** A message for the next screen ("Attività completata"), shown once. */
let pending: string | null = null;
export function flashNext(text: string): void {
  pending = text;
}
export function useFlash(): string | null {
  const [text] = useState(() => {
    const taken = pending;
    pending = null;
    return taken;
  });
  return text;
}

/** Loading, error or the content, the three states of a screen's data. */
export function Loaded<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: ApiError | undefined; loading: boolean };
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorAlert error={state.error} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** Re-renders every `ms` (relative times such as "scade tra 3 giorni"). */
export function useNow(ms = 60_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

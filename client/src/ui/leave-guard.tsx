import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { ConfirmDialog } from './confirm-dialog';

/**
 * Asks before leaving a screen with unsaved work: closing or reloading the tab (the browser's
 * own question, `beforeunload`) and following any link of the app (the menu, another model),
 * which is held back until the user says to leave. `allow()` lets the screen's own navigation
 * through (after publishing).
 */
export function useLeaveGuard(dirty: boolean, what: string) {
  const [, navigate] = useLocation();
  const [pending, setPending] = useState<string | null>(null);
  const bypass = useRef(false);

  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (bypass.current) return;
      event.preventDefault();
      // Older browsers ask for a returnValue to show their question.
      event.returnValue = '';
    };
    // Capture phase on the window: before React's handler (on the root) lets the router move.
    const click = (event: MouseEvent) => {
      if (bypass.current || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.download) return;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      if (url.pathname === location.pathname && url.search === location.search) return;
      event.preventDefault();
      event.stopPropagation();
      setPending(url.pathname + url.search + url.hash);
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('click', click, true);
    };
  }, [dirty]);

  const allow = () => {
    bypass.current = true;
  };

  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      title="Uscire senza pubblicare?"
      confirmLabel="Esci senza pubblicare"
      cancelLabel="Resta qui"
      danger
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const to = pending;
        setPending(null);
        bypass.current = true;
        if (to) navigate(to);
      }}
    >
      <p className="mb-0">{what} ha modifiche non pubblicate: uscendo andranno perse.</p>
    </ConfirmDialog>
  );
  return { dialog, allow };
}

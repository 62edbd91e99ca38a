import { Button } from 'design-react-kit';
import { useState } from 'react';
import { ApiError, download, query } from '../api/client';
import { ErrorAlert } from './feedback';

interface ExportButtonsProps {
  /** The API path of the table, e.g. `/stats/trends`. */
  path: string;
  /** The filters the screen applies: the file holds what the screen shows. */
  params?: Record<string, string | number | undefined | null>;
  /** Said to screen readers after «Scarica CSV», e.g. «delle scadenze per unità». */
  of: string;
}

/**
 * A table's downloads: CSV (semicolons, opens in Excel in Italian) and an Excel workbook.
 * The server logs each download; a refusal (a list too long for Excel) is shown here.
 */
export function ExportButtons({ path, params = {}, of }: ExportButtonsProps) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setError(null);
    try {
      await download(`${path}${query({ ...params, format })}`, `percorsi.${format}`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Scaricamento non riuscito.');
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="d-flex flex-wrap gap-2 align-items-start">
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          color="primary"
          outline
          size="sm"
          disabled={busy !== null}
          aria-label={`Scarica ${format === 'csv' ? 'CSV' : 'Excel'} ${of}`}
          onClick={() => void save(format)}
        >
          {busy === format ? 'Preparazione…' : `Scarica ${format === 'csv' ? 'CSV' : 'Excel'}`}
        </Button>
      ))}
      {error && (
        <div className="w-100">
          <ErrorAlert error={error} />
        </div>
      )}
    </div>
  );
}

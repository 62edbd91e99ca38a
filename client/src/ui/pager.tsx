import { Button } from 'design-react-kit';

/**
 * Pages of a list the API serves in pages (at most 100 rows each): where the user is, and the
 * previous and next page.
 */
export function Pager({
  label,
  total,
  offset,
  limit,
  onChange,
}: {
  /** What is paged, for screen readers: «Pagine delle cartelle trovate». */
  label: string;
  total: number;
  offset: number;
  limit: number;
  onChange: (offset: number) => void;
}) {
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return (
    <nav aria-label={label} className="toolbar-row my-3">
      <Button
        color="primary"
        outline
        size="sm"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        Precedenti
      </Button>
      <span role="status">
        {offset + 1}–{last} di {total}
      </span>
      <Button
        color="primary"
        outline
        size="sm"
        disabled={last >= total}
        onClick={() => onChange(offset + limit)}
      >
        Successivi
      </Button>
    </nav>
  );
}

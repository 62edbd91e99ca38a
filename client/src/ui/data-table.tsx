import { Key, ReactNode } from 'react';

export interface Column<T> {
  /** The header, also the label of the cell when the table becomes a list on a phone. */
  label: string;
  cell: (row: T) => ReactNode;
  /** Visually hidden header (an actions column), still read by screen readers. */
  hiddenLabel?: boolean;
  className?: string;
}

interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => Key;
  rowClass?: (row: T) => string | undefined;
  /** Extra attributes per row, e.g. data-task for tests and links. */
  rowProps?: (row: T) => Record<string, string>;
  /** Shows the caption (otherwise only screen readers read it). */
  showCaption?: boolean;
}

/**
 * A table of the design system that becomes a list of cards below 768 px (each cell names its
 * column), so nothing overflows on a phone and the table keeps its semantics.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClass,
  rowProps,
  showCaption = false,
}: DataTableProps<T>) {
  return (
    <div className="table-responsive-md">
      <table className="table table-hover table-stack align-middle">
        <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.className}>
                {column.hiddenLabel ? (
                  <span className="visually-hidden">{column.label}</span>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)} {...rowProps?.(row)}>
              {columns.map((column) => (
                <td key={column.label} data-label={column.label} className={column.className}>
                  {/* One box per cell, so a stacked cell keeps its content together. */}
                  <div>{column.cell(row)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

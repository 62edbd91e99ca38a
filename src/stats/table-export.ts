import { Injectable, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { Response } from 'express';
import { Readable } from 'node:stream';
import writeXlsxFile, { Cell, SheetData } from 'write-excel-file/node';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor.decorator';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** What an exportable endpoint answers, for the API's documentation. */
export const EXPORT_TYPES = [
  'application/json',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

export type ExportCell = string | number | null;

/** A figures table as the screen shows it, for a spreadsheet. */
export interface ExportTable {
  /** The sheet's name in Excel (at most 31 characters). */
  sheet: string;
  header: string[];
  rows: ExportCell[][];
  /**
   * Excel number formats by column index: a date column (its cells YYYY-MM-DD) becomes dates a
   * spreadsheet sorts and filters, a share becomes a percentage. The CSV keeps the text.
   */
  formats?: Record<number, string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Sends a figures table as CSV (semicolon, with a BOM: what Excel in Italian opens as columns)
 * or as an Excel workbook, and logs the export with the filters applied: a download takes the
 * figures out of the system, so it is on record like a read.
 */
@Injectable()
export class TableExport {
  constructor(private readonly audit: AuditService) {}

  async send(
    actor: Actor,
    response: Response,
    format: Exclude<ExportFormat, 'json'>,
    file: { name: string; what: string; filter: object },
    table: ExportTable,
  ): Promise<StreamableFile> {
    await this.log(actor, format, file.what, file.filter);
    if (format === 'csv') {
      return csvFile(response, `${file.name}.csv`, Readable.from([csvOf(table, true)]));
    }
    const data: SheetData = [
      table.header.map((value) => ({ value, fontWeight: 'bold' })),
      ...table.rows.map((row) =>
        row.map((value, column) => xlsxCell(value, table.formats?.[column])),
      ),
    ];
    const workbook = await writeXlsxFile(data, {
      sheet: table.sheet.slice(0, 31),
      stickyRowsCount: 1,
    }).toBuffer();
    attachmentOnly(response);
    return new StreamableFile(workbook, {
      type: EXPORT_TYPES[2],
      disposition: `attachment; filename="${file.name}.xlsx"`,
    });
  }

  log(actor: Actor, format: string, what: string, filter: object): Promise<void> {
    const filters = Object.entries(filter)
      .filter(([name, value]) => value !== undefined && name !== 'format')
      .map(([name, value]) => `${name}=${String(value)}`)
      .join(', ');
    return this.audit.record(actor, {
      action: 'export',
      entity: 'statistics',
      reason: `${what} (${format.toUpperCase()}; ${filters})`.slice(0, 300),
    });
  }
}

function xlsxCell(value: ExportCell, format: string | undefined): Cell {
  if (value === null || value === '') return null;
  if (!format) return { value };
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    return { value: new Date(`${value}T00:00:00Z`), type: Date, format };
  }
  return { value, format };
}

/** Rows as CSV text; the first page of a download carries the header and the BOM. */
export function csvOf(table: Pick<ExportTable, 'header' | 'rows'>, first: boolean): string {
  return stringify(first ? [table.header, ...table.rows] : table.rows, {
    delimiter: ';',
    bom: first,
  });
}

export function csvFile(response: Response, fileName: string, content: Readable): StreamableFile {
  attachmentOnly(response);
  return new StreamableFile(content, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${fileName}"`,
  });
}

/** A download opened in the browser's tab must run nothing. */
function attachmentOnly(response: Response): void {
  response.setHeader('Content-Security-Policy', 'sandbox');
}

import ExcelJS from 'exceljs';

/** A table of an export: a title, column headers (already in the reader's language) and rows. */
export interface ExportTable {
  title: string;
  columns: { key: string; label: string; width?: number }[];
  rows: Record<string, string | number | null | undefined>[];
}

const BOM = '\uFEFF';

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote what would break the row, and what Excel would read as a formula.
  const guarded = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Chinese shows as Chinese), CRLF lines, each table
 * under its title with a blank line between tables.
 */
export function toCsv(tables: ExportTable[]): Buffer {
  const lines: string[] = [];
  for (const [i, t] of tables.entries()) {
    if (i) lines.push('');
    if (tables.length > 1) lines.push(csvCell(t.title));
    lines.push(t.columns.map((c) => csvCell(c.label)).join(','));
    for (const row of t.rows) lines.push(t.columns.map((c) => csvCell(row[c.key])).join(','));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

/** XLSX (exceljs): one worksheet per table, bold headers, frozen header row. */
export async function toXlsx(tables: ExportTable[], creator = 'kefu'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = creator;
  book.created = new Date();
  const used = new Set<string>();
  for (const t of tables) {
    let name = t.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
    for (let n = 2; used.has(name); n++) name = `${name.slice(0, 28)} ${n}`;
    used.add(name);
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = t.columns.map((c) => ({ header: c.label, key: c.key, width: c.width ?? Math.min(60, Math.max(10, c.label.length * 2 + 4)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of t.rows) sheet.addRow(Object.fromEntries(t.columns.map((c) => [c.key, row[c.key] ?? null])));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

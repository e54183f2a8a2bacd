import { colour } from './terminal.js';

const columnWidths = (headers: string[], rows: string[][]) => headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));

/** Aligned plain-text tables; --json output is handled by each command with printJson. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = columnWidths(headers, rows);
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/**
 * formatTable, with the cells of column `col` coloured as status words (see colour): the padding
 * is worked out on the plain text first, so colour codes never shift the columns.
 */
export function formatStatusTable(headers: string[], rows: string[][], col: number): string {
  const offset = columnWidths(headers, rows).slice(0, col).reduce((sum, w) => sum + w + 2, 0);
  const [head = '', ...body] = formatTable(headers, rows).split('\n');
  return [head, ...body.map((line, i) => {
    const word = rows[i]?.[col] ?? '';
    return word ? `${line.slice(0, offset)}${colour(word)}${line.slice(offset + word.length)}` : line;
  })].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

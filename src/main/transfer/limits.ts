/**
 * Limits on untrusted import files, checked before anything heavy is done with them. The values are
 * documented in docs/DATA-FORMAT.md ("Import limits"); each is well above what the default catalogue
 * or a 1 M-cell tariff table needs, and well below what would exhaust the memory of a desktop machine.
 */
const MiB = 1024 * 1024;

export interface ImportLimits {
  /** JSON package: bytes on disk (a 1 M-cell package with a source per cell is about 200 MiB) */
  jsonBytes: number;
  /** xlsx: bytes on disk */
  xlsxBytes: number;
  /** xlsx: entries in the zip archive (an Excel file holds about 15) */
  zipEntries: number;
  /** xlsx: total uncompressed size of the entries, as declared and as actually inflated (zip bombs) */
  zipUncompressedBytes: number;
  /** csv: bytes on disk */
  csvBytes: number;
  /** rows per sheet or CSV lines (Excel's own limit) */
  rows: number;
  /** cells per row of a sheet, fields per CSV line */
  columns: number;
  /** characters in one cell or CSV field (Excel's own limit) */
  cellChars: number;
  /** problems listed in one report (the count of the others is given) */
  problems: number;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  jsonBytes: 256 * MiB,
  xlsxBytes: 64 * MiB,
  zipEntries: 256,
  zipUncompressedBytes: 1024 * MiB,
  csvBytes: 64 * MiB,
  rows: 1_048_576,
  columns: 64,
  cellChars: 32_767,
  problems: 1000,
});

/** A size for a message: "64 Mio", "12,5 Kio", "900 octets". */
export function mib(bytes: number): string {
  const n = (x: number) => x.toLocaleString('fr-FR', { maximumFractionDigits: 1 }).replace(/[\u202f\u00a0]/g, ' ');
  if (bytes >= MiB) return `${n(bytes / MiB)} Mio`;
  if (bytes >= 1024) return `${n(bytes / 1024)} Kio`;
  return `${bytes} octets`;
}

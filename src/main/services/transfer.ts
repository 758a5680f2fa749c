/**
 * Moving a catalogue in and out, as the CLI and the desktop call it: import (JSON, xlsx, CSV), export, the
 * backups and their restore, the audit trail. The work is done in transfer/ (readers, checks, writers) and
 * store/ (SQL); this is the one door the commands go through, so the CLI depends on services only (the layers
 * in docs/ARCHITECTURE.md).
 */
export { backupTo, backupsDir, listBackups, openRaw, restoreDatabase, rotatingBackup } from '../transfer/backup';
export { exportCatalogue, writeFileAtomic, type ExportFormat } from '../transfer/export';
export { historyWithUndo } from '../transfer/history';
export { formatOf, importBytes, readImportFile, type ImportOptions, type ImportResult } from '../transfer/import';
export { ImportRejected, formatProblem, wordingOf, type ImportProblem } from '../transfer/problems';

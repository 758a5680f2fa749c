import { GrilleError } from '../../shared/errors';

/** Turn a better-sqlite3 error into one a person can act on, naming the file. */
export function explainSqliteError(error: unknown, file: string): GrilleError {
  if (error instanceof GrilleError) return error;
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new GrilleError('DB_LOCKED', `Base ${file} verrouillée par un autre programme (réessayez quand il l'aura libérée).`);
    case 'SQLITE_NOTADB':
      return new GrilleError('DB_FOREIGN', `${file} n'est pas une base SQLite (fichier d'un autre format ?).`);
    case 'SQLITE_CORRUPT':
      return new GrilleError('DB_CORRUPT', `Base ${file} endommagée : ${e.message ?? ''}. Restaurez une sauvegarde ou recréez-la avec « grille catalogue reset ».`);
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_IOERR':
      return new GrilleError('DB_UNREADABLE', `Impossible d'ouvrir ${file} (${e.code}) : vérifiez le chemin et les droits d'accès.`);
    default:
      return new GrilleError('IO', `Erreur sur la base ${file} : ${e.message ?? String(error)}`);
  }
}

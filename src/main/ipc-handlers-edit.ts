/**
 * The IPC handlers of catalogue editing, history, undo, and the desktop import/export of catalogue data.
 */
import { z } from 'zod';
import type { GrilleApi } from '../shared/api';
import { GrilleError } from './store/errors';
import { handler, type Handler } from './ipc-handler';

type EditMethods = 'editCatalogue' | 'undoEdit' | 'history' | 'pickImportFile' | 'importCatalogue' | 'exportCatalogue';

// TEMPORARY: being written this session; every method answers NOT_AVAILABLE until then
const notYet = handler(z.array(z.unknown()), async () => {
  throw new GrilleError('NOT_AVAILABLE', 'Pas encore disponible.');
});

export const editHandlers: Record<EditMethods, Handler> & Partial<Record<keyof GrilleApi, Handler>> = {
  editCatalogue: notYet,
  undoEdit: notYet,
  history: notYet,
  pickImportFile: notYet,
  importCatalogue: notYet,
  exportCatalogue: notYet,
};

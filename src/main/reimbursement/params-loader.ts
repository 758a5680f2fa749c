/**
 * Reads the dated regulatory parameters (data/parameters/*.json), validates each file against
 * `parameterFileSchema` and builds the set the simulator picks from. data/ is found as for the catalogue
 * (GRILLE_DATA_DIR, or the nearest ancestor holding data/taxonomy.json).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildParamSet, parameterFileSchema, type ParameterFile, type ParamSet } from '../../shared/core/reimbursement-params';
import { formatZodIssues } from '../../shared/core/zod-issues';
import { resolveDataDir } from '../catalogue/data-dir';
import { GrilleError } from '../../shared/errors';

export interface LoadedParams {
  dir: string;
  files: ParameterFile[];
  set: ParamSet | null;
  problems: string[];
}

/** Every problem is returned (never thrown), so a reviewer sees them all at once. */
export function loadParameterFiles(dataDir = resolveDataDir()): LoadedParams {
  const dir = join(dataDir, 'parameters');
  const problems: string[] = [];
  const files: ParameterFile[] = [];
  if (!existsSync(dir)) return { dir, files, set: null, problems: [`dossier des paramètres réglementaires absent : ${dir}`] };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const where = `data/parameters/${name}`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (e) {
      problems.push(`${where}: JSON illisible (${(e as Error).message})`);
      continue;
    }
    const parsed = parameterFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of formatZodIssues(parsed.error)) problems.push(`${where}: ${issue}`);
      continue;
    }
    if (`${parsed.data.family}.json` !== name) problems.push(`${where}: la famille (${parsed.data.family}) ne correspond pas au nom du fichier`);
    files.push(parsed.data);
  }
  const built = buildParamSet(files);
  if (!built.ok) problems.push(...built.problems);
  return { dir, files, set: built.ok ? built.set : null, problems };
}

let cached: { dataDir: string; set: ParamSet } | null = null;

/** The parameter set, or a DATA_INVALID error listing the problems. */
export function loadReimbursementParams(dataDir = resolveDataDir()): ParamSet {
  if (cached && cached.dataDir === dataDir) return cached.set;
  const loaded = loadParameterFiles(dataDir);
  if (loaded.problems.length || !loaded.set) {
    throw new GrilleError('DATA_INVALID', `Paramètres réglementaires invalides (${loaded.problems.length} problème(s)) : ${loaded.problems.join(' ; ')}`);
  }
  cached = { dataDir, set: loaded.set };
  return loaded.set;
}

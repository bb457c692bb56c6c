/**
 * The office's own project folder, so a region's configuration, narratives, mappings, extracts and reports
 * live with the office and not in the tool's checkout:
 *
 *   leerplicht.yaml   config (a shipped example's code, code/jaar, or a YAML file in the project),
 *                     and optional defaults: extract, extractdatum, schooljaar
 *   config/           the office's own region configs, <regio>/<jaar>.yaml (found before the shipped examples)
 *   narratief/        narrative Markdown, <regio>/<schooljaar>/<gemeentecode>/<hoofdstuk>.md
 *   mappings/         YAML mappings of the office's exports (`leerplicht map`)
 *   extracts/         register extracts (git-ignored: personal data)
 *   reports/          build outputs (git-ignored)
 *
 * Every command finds the project from the working folder upwards (or `--project DIR`); without one the
 * tool works as before, from its own folders.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { CONFIG_ROOT, resolveConfigPath } from './config/load.ts';
import { InputError, UsageError } from './errors.ts';
import { checkExtractdatum } from './extractdatum.ts';

export const PROJECT_FILE = 'leerplicht.yaml';

export interface Project {
  root: string;
  file: string;
  /** `--config` default: a code, code/jaar, or an absolute path. */
  config?: string;
  /** Default extract folder (absolute). */
  extract?: string;
  extractdatum?: string;
  schooljaar?: string;
  /** Region configs of the office, searched before the shipped examples. */
  configRoot: string;
  narratiefRoot: string;
  reportsRoot: string;
}

const KEYS = ['config', 'extract', 'extractdatum', 'schooljaar'];

/** Reads the project file of `root`. */
export function readProject(root: string): Project {
  const file = path.join(root, PROJECT_FILE);
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new InputError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${file}: expected keys ${KEYS.join(', ')}`);
  const o = raw as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !KEYS.includes(k));
  if (unknown.length) throw new InputError(`${file}: unknown key(s) ${unknown.join(', ')} (allowed: ${KEYS.join(', ')})`);
  for (const k of KEYS) if (o[k] !== undefined && typeof o[k] !== 'string') throw new InputError(`${file}: ${k} must be text (quote it, e.g. ${k}: "2024/2025")`);
  const rel = (v: unknown) => (typeof v === 'string' ? path.resolve(root, v) : undefined);
  const config = o.config as string | undefined;
  return {
    root,
    file,
    // a file in the project is taken relative to the project; a code is looked up in config/ and the examples
    config: config && /\.(ya?ml|json)$/i.test(config) ? path.resolve(root, config) : config,
    extract: rel(o.extract),
    extractdatum: o.extractdatum ? checkExtractdatum(o.extractdatum as string, `${file}: extractdatum`) : undefined,
    schooljaar: o.schooljaar as string | undefined,
    configRoot: path.join(root, 'config'),
    narratiefRoot: path.join(root, 'narratief'),
    reportsRoot: path.join(root, 'reports'),
  };
}

/** The project of `explicit` (--project), or the nearest folder upwards from `cwd` holding leerplicht.yaml. */
export function findProject(explicit?: string, cwd = process.cwd()): Project | undefined {
  if (explicit) {
    const root = path.resolve(explicit);
    if (!existsSync(path.join(root, PROJECT_FILE))) throw new InputError(`--project ${explicit}: no ${PROJECT_FILE} there; create a project with \`leerplicht init ${explicit}\``);
    return readProject(root);
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, PROJECT_FILE))) return readProject(dir);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Config roots to search for a region code: the project's own, then the shipped examples. */
export function configRoots(p?: Project): string[] {
  return p ? [p.configRoot, CONFIG_ROOT] : [CONFIG_ROOT];
}

/** `--config` or the project's config; a usage error when neither is there. */
export function configRef(given: string | undefined, p?: Project): string {
  const ref = given ?? p?.config;
  if (!ref) throw new UsageError(p ? `give --config, or set "config" in ${p.file}` : 'give --config (or run inside a project made with `leerplicht init`)');
  return ref;
}

/** `--extract` or the project's extract folder. */
export function extractRef(given: string | undefined, p?: Project): string {
  const ref = given ?? p?.extract;
  if (!ref) throw new UsageError(p ? `give --extract, or set "extract" in ${p.file}` : 'give --extract DIR');
  return ref;
}

const GITIGNORE = `# Register extracts hold personal data; reports hold confidential files. Neither belongs in git.
extracts/
reports/
`;

/** Creates a project folder; refuses a folder that already has a project file. Returns the files written. */
export function initProject(dir: string, opts: { config?: string } = {}): string[] {
  const root = path.resolve(dir);
  if (existsSync(path.join(root, PROJECT_FILE))) throw new InputError(`${root} already holds a ${PROJECT_FILE}; nothing changed`);
  if (existsSync(root) && !statSync(root).isDirectory()) throw new InputError(`${root} exists and is not a folder`);
  const config = opts.config ?? 'west-kennemerland';
  resolveConfigPath(config); // fails early on an unknown region
  const known = readdirSync(CONFIG_ROOT).filter((f) => statSync(path.join(CONFIG_ROOT, f)).isDirectory()).sort();
  const written: string[] = [];
  const write = (rel: string, text: string) => {
    writeFileSync(path.join(root, rel), text);
    written.push(rel);
  };
  for (const d of ['config', 'narratief', 'mappings', 'extracts', 'reports']) mkdirSync(path.join(root, d), { recursive: true });
  write(PROJECT_FILE, `# leerplicht-rapportage project (see the README, "Your own project").
#
# config: the region configuration. A code (${known.join(', ')}) or code/jaar takes your own
#   config/<code>/<jaar>.yaml when it exists, else the example shipped with the tool; a path to a YAML
#   file in this folder works too. Start your own from an example:
#     mkdir -p config/${config.split('/')[0]} && cp <tool>/data/config/${config.split('/')[0]}/<jaar>.yaml config/${config.split('/')[0]}/
config: ${config}
# extract: the default --extract folder (register extracts live in extracts/, which git ignores)
extract: extracts/demo
# extractdatum: "2025-10-15"   # when the extract folder has no extract.json
# schooljaar: "2024/2025"      # the default --schooljaar of build
`);
  write('.gitignore', GITIGNORE);
  write('narratief/README.md', `# Narratives

One Markdown file per gemeente and chapter of the inhoudelijk jaarverslag:
\`narratief/<regio>/<schooljaar as 2024-2025>/<gemeentecode>/<hoofdstuk>.md\`. Chapters: leerplichtigen,
absoluut-verzuim, relatief-verzuim, thuiszitters, handhaving, verlof, vrijstellingen, doorlooptijden.
`);
  write('mappings/README.md', `# Mappings

One YAML mapping per export of your administration or DUO, turning it into a table of the input contract:
\`leerplicht map mappings/<name>.yaml --check\`, then \`leerplicht map mappings/*.yaml --out extracts/<date>\`.
A documented example for an Excel-saved export (Windows-1252, ";", dd-mm-yyyy) is shipped with the tool in
data/examples/mappings/inschrijvingen-excel.yaml: copy it here and adapt it.
`);
  return written;
}

/**
 * Incremental rebuilds: a document is printed again only when something it depends on changed.
 *
 * Every document gets a key: a SHA-256 over the code version (pipeline/, queries/, templates/, the lock
 * file), the published figures it shows (per area), its narrative text, the parameters and the extract
 * date. The manifest records the key of every output. On the next build into the same folder, a document
 * whose key is unchanged and whose file still has the recorded hash is taken over as it is (copied into
 * the new build) instead of rendered and printed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { TOOL_ROOT } from '../paths.ts';

const ROOT = TOOL_ROOT;

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** fileSha256 of each file, by its path, size, modification time and inode. */
const fileHashes = new Map<string, Promise<string>>();

/**
 * SHA-256 of a file (hex), read as a stream; remembered while the file is unchanged: the dataset's files
 * (~0.5 GB nationally) are hashed for datapackage.json and again for the manifest.
 */
export function fileSha256(file: string): Promise<string> {
  const abs = path.resolve(file);
  const st = statSync(abs, { bigint: true });
  const key = `${abs}\0${st.size}\0${st.mtimeNs}\0${st.ino}`;
  let hash = fileHashes.get(key);
  if (!hash) {
    hash = (async () => {
      const h = createHash('sha256');
      for await (const chunk of createReadStream(abs)) h.update(chunk as Buffer);
      return h.digest('hex');
    })();
    fileHashes.set(key, hash);
    hash.catch(() => fileHashes.delete(key));
  }
  return hash;
}

let codeVersion: string | undefined;

/** Hash of everything that shapes an output: the pipeline code, the SQL, the templates, the dependencies. */
export function codeHash(): string {
  if (codeVersion) return codeVersion;
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        h.update(path.relative(ROOT, p));
        h.update(readFileSync(p));
      }
    }
  };
  for (const d of ['pipeline', 'queries', 'templates']) walk(path.join(ROOT, d));
  h.update(readFileSync(path.join(ROOT, 'package-lock.json')));
  return (codeVersion = h.digest('hex'));
}

export function documentKey(parts: unknown): string {
  return sha256(JSON.stringify({ code: codeHash(), parts }));
}

export interface PreviousOutput {
  file: string;
  bytes: number;
  sha256: string;
  key?: string;
}

/** The outputs of the previous build in `root` (from its manifest), by relative path. */
export function previousOutputs(root: string, manifestName: string): Map<string, PreviousOutput> {
  const file = path.join(root, manifestName);
  if (!existsSync(file)) return new Map();
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as { outputs?: PreviousOutput[] };
    return new Map((m.outputs ?? []).map((o) => [o.file, o]));
  } catch {
    return new Map();
  }
}

/**
 * Whether the previous build's file at `rel` can be taken over (`reuse`: its path), or why it must be
 * printed (`reason`, in words for `leerplicht plan`).
 */
export function reuseDecision(root: string, prev: Map<string, PreviousOutput>, rel: string, key: string): { reuse: string } | { reason: string } {
  const p = prev.get(rel);
  const abs = path.join(root, rel);
  if (!p) return { reason: prev.size ? 'not in the previous build' : 'no previous build in this folder' };
  if (!p.key) return { reason: 'the previous build did not record its inputs' };
  if (p.key !== key) return { reason: 'its inputs changed (figures, narrative, parameters, dates or the tool)' };
  if (!existsSync(abs)) return { reason: 'the previous file is missing' };
  if (sha256(readFileSync(abs)) !== p.sha256) return { reason: 'the previous file was changed since' };
  return { reuse: abs };
}

/**
 * After a complete build (isComplete): what earlier builds in `root` made (their manifest, `previous`) that this
 * build did not make (`made`) — a gemeente no longer in the region, a file an older version of the tool wrote
 * elsewhere (before publiek/ and vertrouwelijk/, a confidential telling sat beside the public reports) — is
 * removed, with the folders that leaves empty: the output folder then holds this build's outputs and nothing
 * older beside them. Only a file exactly as a build wrote it (its recorded hash) inside `root` is removed; one
 * changed since is the user's and is kept (`changed`). Returns the relative paths.
 */
export function removeStaleOutputs(root: string, previous: Map<string, PreviousOutput>, made: Iterable<string>): { removed: string[]; changed: string[] } {
  const keep = new Set(made);
  const removed: string[] = [];
  const changed: string[] = [];
  const base = path.resolve(root);
  for (const rel of [...previous.keys()].sort()) {
    const abs = path.resolve(base, rel);
    if (keep.has(rel) || !abs.startsWith(base + path.sep) || !existsSync(abs)) continue;
    if (sha256(readFileSync(abs)) !== previous.get(rel)!.sha256) {
      changed.push(rel);
      continue;
    }
    rmSync(abs, { force: true });
    removed.push(rel);
    for (let dir = path.dirname(abs); dir.startsWith(base + path.sep); dir = path.dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty
      }
    }
  }
  return { removed, changed };
}

/** The commit of the tool's checkout, for the manifest (null outside a git checkout or without git). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** The commit of the tool's checkout, for the manifest (null outside a git checkout or without git). */
import { execFileSync } from 'node:child_process';
import { TOOL_ROOT } from '../paths.ts';

export function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: TOOL_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

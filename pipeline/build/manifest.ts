/**
 * manifest.json: what a build read (extract files with their hashes), what it wrote (every output with its
 * hash and, for documents, its cache key), with which tool version, command and configuration.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LoadResult } from '../load/index.ts';
import { fileSha256, type PreviousOutput } from '../output/cache.ts';
import type { BuildContext } from './context.ts';
import { gitCommit } from './git.ts';
import { toolPath } from '../paths.ts';

export interface ManifestOutput { file: string; bytes: number; sha256: string; key?: string; from_earlier_build?: boolean }

/** This tool: name, version, git commit and Node version (manifest; part of the build id). */
export function toolVersion() {
  const pkg = JSON.parse(readFileSync(toolPath('package.json'), 'utf8'));
  return { name: pkg.name as string, version: pkg.version as string, git_commit: gitCommit(), node: process.version };
}

/**
 * The manifest of the build in `ctx`, whose outputs are `files`; outputs of earlier builds in the same folder
 * that this one did not touch (other gemeenten, other reports) stay listed.
 */
export async function manifestFor(ctx: BuildContext, files: string[], previous: Map<string, PreviousOutput>) {
  const { o, fx } = ctx;
  const load = ctx.load as LoadResult;
  const outputs: ManifestOutput[] = await Promise.all(files.map(async (rel) => {
    const abs = fx.outputPath(rel);
    return { file: rel, bytes: statSync(abs).size, sha256: await fileSha256(abs), key: ctx.documents.keys.get(rel) };
  }));
  const kept = [...previous.values()].filter((p) => !files.includes(p.file) && existsSync(path.join(ctx.root, p.file)));
  return {
    tool: toolVersion(),
    command: o.argv ?? [],
    config: { file: path.relative(process.cwd(), o.config.file), regio: o.config.regio, parameters: o.config.parameters },
    schooljaar: ctx.schooljaar.label,
    build_id: ctx.colofon?.buildId,
    extract: {
      folder: o.extract,
      extractdatum: load.meta?.extractdatum,
      files: ctx.extractFiles ?? await Promise.all(load.files.map(async (f) => ({ table: f.table, file: path.basename(f.file), bytes: f.bytes, rows: f.rows, sha256: await fileSha256(f.file) }))),
      rows_dropped_invalid: load.dropped,
      persons_removed_over_23: load.over23,
    },
    outputs: [...outputs, ...kept.map((p) => ({ ...p, from_earlier_build: true }))].sort((a, b) => a.file.localeCompare(b.file)),
    documents_reused: ctx.documents.reused,
    started: ctx.started.toISOString(),
    finished: new Date().toISOString(),
    // A part of a block of stages that ran at the same time has its own wall time only (metrics.ts).
    stages: ctx.stages.map((s) => (s.part ? { name: s.name, ms: s.ms, part: true }
      : { name: s.name, ms: s.ms, cpu_ms: s.cpuMs, child_cpu_ms: s.childCpuMs, peak_rss_mb: s.peakRssMb, child_peak_mb: s.childPeakMb })),
    warnings: ctx.warnings,
  };
}

import fs from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import type { SeverityName } from "../config/schema.js";
import type { DiscoveredFile } from "../discover/files.js";
import type { ReadOp } from "../discover/reads.js";
import type { Diagnostic } from "../engine/diagnostic.js";
import { SourceFile } from "../text/source-file.js";
import type { Collected } from "./lint-file.js";
import type { Options } from "./options.js";

/**
 * Below this many files a worker's start-up (modules, its own workspace model) costs more than it
 * saves: one thread already keeps V8's collector and compiler busy on the second core. Measured
 * on 2 cores (npm run bench's workspaces): 2 jobs are 10-40% slower at 1,000 members (4,000
 * files) and hold 290 MB against 205; at 10,000 members (40,000 files) they are 27% faster but
 * hold 1.57 GB against 1.04 (the goal is 1.5 GB). `--jobs 2` stays for whoever has the memory.
 */
export const PARALLEL_THRESHOLD = 50_000;

/** What a worker needs to rebuild the run: everything but the parsed state, which it loads itself. */
export interface WorkerTask {
  readonly root: string;
  readonly cwd: string;
  readonly configPath?: string;
  readonly cliRules: Record<string, SeverityName>;
  /** every file of the tree, for the file index */
  readonly all: readonly string[];
  readonly files: readonly DiscoveredFile[];
  readonly options: Pick<Options, "fix" | "fixDryRun" | "unsafeFixes" | "workspace">;
  /** note reads and hashes for the result cache */
  readonly observe: boolean;
  /** send `{ progress: n }` messages as files are done */
  readonly progress?: boolean;
}

/** A worker's word that `progress` more files are done; its result follows last. */
export interface WorkerProgress {
  readonly progress: number;
}

export interface WorkerResult {
  readonly diagnostics: Diagnostic[];
  readonly sources: [string, string][];
  readonly diffs: string[];
  readonly fixed: number;
  readonly stderr: string;
  /** with `observe`: the reads of other files (discover/reads.ts) and each linted file's hash */
  readonly reads: [ReadOp, string, string][];
  readonly hashes: [string, string][];
  readonly error?: string;
}

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/** Required when a run starts threads: most runs never do. */
const workerThreads = (): typeof import("node:worker_threads") => createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");

/** How many threads lint this run: `--jobs`, or both cores for a big working tree. */
export function jobsFor(options: Pick<Options, "jobs" | "staged" | "stdinFilename">, files: number): number {
  if (options.staged || options.stdinFilename !== undefined) return 1;
  // Run from TypeScript sources (tests), there is no compiled worker to start.
  if (!fs.existsSync(WORKER)) return 1;
  if (options.jobs !== undefined) return Math.max(1, Math.min(options.jobs, files));
  return files >= PARALLEL_THRESHOLD ? Math.min(os.availableParallelism(), 4) : 1;
}

/** Every `jobs`-th file to each share, so each gets a mix of kinds and sizes. */
export function shares<T>(items: readonly T[], jobs: number): T[][] {
  const out: T[][] = Array.from({ length: jobs }, () => []);
  items.forEach((item, i) => out[i % jobs]!.push(item));
  return out;
}

/** Run shares in worker threads; the caller lints its own share meanwhile. `onProgress` hears of files done there. */
export function runWorkers(tasks: readonly WorkerTask[], onProgress?: (n: number) => void): Promise<Collected & Pick<WorkerResult, "stderr" | "reads" | "hashes">>[] {
  return tasks.map(
    (task) =>
      new Promise((resolve, reject) => {
        const worker = new (workerThreads().Worker)(WORKER, { workerData: { ...task, progress: onProgress !== undefined } satisfies WorkerTask });
        let heard = 0;
        worker.on("message", (r: WorkerResult | WorkerProgress) => {
          if ("progress" in r) {
            heard += r.progress;
            onProgress?.(r.progress);
            return;
          }
          onProgress?.(task.files.length - heard);
          if (r.error) reject(new Error(r.error));
          else {
            resolve({
              diagnostics: r.diagnostics,
              sources: new Map(r.sources.map(([p, text]) => [p, new SourceFile(p, text)])),
              diffs: r.diffs,
              fixed: r.fixed,
              stderr: r.stderr,
              reads: r.reads,
              hashes: r.hashes,
            });
          }
        });
        worker.once("error", reject);
      }),
  );
}

import { parentPort, workerData } from "node:worker_threads";
import { loadConfig } from "../config/load.js";
import { observeReads } from "../discover/reads.js";
import { loadRules } from "../../rules/index.js";
import { loadTomlParser } from "../parse/toml.js";
import { hashingReads } from "./cached-run.js";
import { workingTree } from "./inputs.js";
import { lintFiles } from "./lint-file.js";
import type { WorkerProgress, WorkerResult, WorkerTask } from "./parallel.js";

// A worker thread lints its share of the working tree with its own rules, config and workspace
// model (built from the same root), and sends back plain data.
export async function runWorker(): Promise<void> {
  const task = workerData as WorkerTask;
  let stderr = "";
  // Progress goes to the main thread in batches: a message per file would cost more than it tells.
  let pending = 0;
  let sentAt = Date.now();
  const onFile = (): void => {
    pending++;
    if (Date.now() - sentAt < 50) return;
    parentPort!.postMessage({ progress: pending } satisfies WorkerProgress);
    pending = 0;
    sentAt = Date.now();
  };
  try {
    await loadTomlParser();
    const rules = await loadRules();
    const config = loadConfig(task.root, rules, { ...(task.configPath ? { configPath: task.configPath } : {}), cliRules: task.cliRules, cwd: task.cwd, workspace: task.options.workspace });
    const reads: WorkerResult["reads"] = [];
    const hashes = new Map<string, string>();
    if (task.observe) observeReads((op, abs, seen) => void reads.push([op, abs, seen]));
    const tree = workingTree({ root: task.root, config, rules, targets: [], writes: task.options.fix && !task.options.fixDryRun }, { files: task.files, all: task.all });
    const input = task.observe ? hashingReads(tree, hashes) : tree;
    const r = await lintFiles(task.files, input, task.options, (s) => void (stderr += s), task.progress ? onFile : undefined);
    const result: WorkerResult = {
      diagnostics: r.diagnostics,
      sources: [...r.sources].map(([p, s]) => [p, s.text]),
      diffs: r.diffs,
      fixed: r.fixed,
      stderr,
      reads,
      hashes: [...hashes],
    };
    parentPort!.postMessage(result);
  } catch (e) {
    parentPort!.postMessage({ diagnostics: [], sources: [], diffs: [], fixed: 0, stderr, reads: [], hashes: [], error: (e as Error).message } satisfies WorkerResult);
  }
}

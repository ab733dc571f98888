import fs from "node:fs";
import path from "node:path";
import { contentHash, DEFAULT_CACHE_DIR, CacheRefused, ResultCache } from "../cache/results.js";
import { CONFIG_FILE } from "../config/file-name.js";
import { isNeverLinted, listFiles, selectFiles, type DiscoveredFile } from "../discover/files.js";
import { readInsideRoot } from "../discover/inside-root.js";
import type { Diagnostic } from "../engine/diagnostic.js";
import { decode } from "../text/decode.js";
import { escapeControl } from "../text/escape.js";
import { SourceFile } from "../text/source-file.js";
import type { Input } from "./inputs.js";
import type { Collected } from "./lint-file.js";
import type { Options } from "./options.js";
import { VERSION } from "./version.js";

/**
 * A `--cache` run: the files whose stored results still hold are answered from the cache without
 * loading the engine; the others (`misses`) are linted as usual and their results stored.
 */
export interface CachedRun {
  readonly cache: ResultCache;
  /** every file of the tree, listed once for the cache key and the engine's file index */
  readonly all: readonly string[];
  /** the run's files, when the cache knows the config's ignores (else the engine selects them) */
  readonly files?: readonly DiscoveredFile[];
  readonly misses?: readonly DiscoveredFile[];
  /** what the hits contribute to the report */
  readonly served: Collected;
}

export function openCachedRun(root: string, targets: readonly string[], options: Options, cwd: string, stderr: (s: string) => void): CachedRun | undefined {
  const all = listFiles(root, (limit) => stderr(`evio-lint: ${root} is not a git work tree; stopped listing files at ${limit.toLocaleString("en")} (run evio-lint inside the repository, or name the files to lint)\n`));
  const configPath = options.config ? path.resolve(cwd, options.config) : path.join(root, CONFIG_FILE);
  let configText: string | null;
  try {
    configText = fs.readFileSync(configPath, "utf8");
  } catch {
    configText = null;
  }
  const dir = path.resolve(cwd, options.cacheLocation ?? path.join(root, DEFAULT_CACHE_DIR));
  let cache: ResultCache;
  try {
    cache = ResultCache.open(dir, root, { version: VERSION, configPath, configText, cliRules: options.rules, ...(options.workspace ? { workspace: options.workspace } : {}) }, all);
  } catch (e) {
    if (!(e instanceof CacheRefused)) throw e;
    stderr(`evio-lint: ${escapeControl(e.message)}\n`);
    return undefined;
  }
  const served: Collected = { diagnostics: [], sources: new Map(), diffs: [], fixed: 0 };
  if (cache.ignores === undefined) return { cache, all, served };
  const files = selectFiles(root, all, { targets: targets.filter((t) => !isNeverLinted(t)), ignores: cache.ignores });
  const misses: DiscoveredFile[] = [];
  for (const file of files) {
    const bytes = file.kind === "other" ? null : readInsideRoot(root, path.join(root, file.path));
    const hit = bytes === undefined ? undefined : cache.lookup(file.path, file.kind, contentHash(bytes));
    if (!hit) {
      misses.push(file);
      continue;
    }
    served.diagnostics.push(...hit.diagnostics);
    // Reports read a file's text only to place its findings.
    const decoded = hit.text && bytes && hit.diagnostics.length > 0 ? decode(bytes) : undefined;
    if (decoded && "text" in decoded) served.sources.set(file.path, new SourceFile(file.path, decoded.text));
  }
  return { cache, all, files, misses, served };
}

/** The input with each read's hash noted, so that a result is stored under the bytes it was computed from. */
export function hashingReads(input: Input, hashes: Map<string, string>): Input {
  return {
    ...input,
    read: (file) => {
      const bytes = input.read(file);
      if (bytes !== null) hashes.set(file.path, contentHash(bytes));
      return bytes;
    },
  };
}

/** Store the results of the files linted this run (not those that could not be read). */
export function storeResults(run: CachedRun, files: readonly DiscoveredFile[], collected: Collected, hashes: ReadonlyMap<string, string>): void {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of collected.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const file of files) {
    const hash = file.kind === "other" ? contentHash(null) : hashes.get(file.path);
    if (hash === undefined) continue;
    run.cache.store(file.path, { hash, kind: file.kind, text: collected.sources.has(file.path), diagnostics: byFile.get(file.path) ?? [] });
  }
}

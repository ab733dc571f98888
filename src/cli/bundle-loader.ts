import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";

// Runs the bundle (dist/bundle/evio-lint.cjs, tools/bundle.ts) with V8's code cache beside it:
// Node 20 has no compile cache for ES modules (module.enableCompileCache is Node 22.1+), and
// compiling the engine's functions on first call was about a fifth of a commit hook's time (docs/performance.md).
// Not part of that bundle: tools/bundle.ts puts it in front.cjs, the small module bin loads first.

// Only ever run from the bundle's front.cjs, beside the bundle (tools/bundle.ts).
export const BUNDLE = fileURLToPath(new URL("./evio-lint.cjs", import.meta.url));
/** V8 checks it against the source, its own version and flags, and rejects any other. */
export const CODE_CACHE = `${BUNDLE}.v8-cache`;

export interface BundleExports {
  main(argv: readonly string[]): Promise<number>;
  engineRan(): boolean;
  runWorker(): Promise<void>;
}

export interface LoadedBundle {
  readonly exports: BundleExports;
  /** Write the code cache for next time when there was none or V8 rejected it; never fails the run. */
  saveCodeCache(): void;
}

/**
 * How much bytecode a function runs before V8 thinks of optimizing it, per V8 version (11.3 is
 * Node 20, where it was measured; elsewhere V8's default stays). The default (67,584) sends
 * hundreds of lukewarm functions of a lint to TurboFan: a full lint of the benchmark's repository
 * took 0.65 s of CPU in 0.4 s, the optimizing compiler busy on the second core for code that ran
 * a few more times or was thrown away. With 250,000 the same lint is 20% faster (374 -> 291 ms,
 * 31 interleaved runs), 4,000 files 5% faster, and a run of minutes still optimizes its hot
 * loops (`--no-opt` is 20% slower there). Set before the bundle compiles: V8 keys its code cache
 * on its flags, so every run sets the same value before reading the cache (docs/performance.md).
 */
const INTERRUPT_BUDGET: Readonly<Record<string, number>> = { "11.3": 250_000 };

function tuneTiering(argv: readonly string[]): void {
  const budget = INTERRUPT_BUDGET[process.versions.v8.split(".").slice(0, 2).join(".")];
  if (budget === undefined) return;
  preloadBuiltins(argv);
  v8.setFlagsFromString(`--interrupt-budget=${budget}`);
}

/**
 * Node compiles its own modules with a code cache that is keyed on V8's flags too: one first
 * loaded after tuneTiering is compiled from its source, three to four times as slow (child_process
 * 1.2 -> 4.6 ms, crypto 1.8 -> 5.2 ms here; docs/performance.md). So the ones a run loads are
 * loaded first: every lint spawns git (child_process, which brings `net`, so a pipe's or a
 * terminal's stream is cheap too) and times its parses (perf_hooks), and `--cache` hashes (crypto).
 */
function preloadBuiltins(argv: readonly string[]): void {
  const require = createRequire(import.meta.url);
  for (const name of ["node:child_process", "node:perf_hooks", "node:os", "node:tty"]) require(name);
  if (argv.includes("--cache")) require("node:crypto");
}

/** `argv`, the command line, says which of Node's own modules the run will load (preloadBuiltins). */
export function loadBundle(argv: readonly string[] = []): LoadedBundle {
  tuneTiering(argv);
  const source = fs.readFileSync(BUNDLE, "utf8");
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  // The same wrapper Node gives a CommonJS module, so `require` and `__filename` are the bundle's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cachedData ? { cachedData } : {}),
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as BundleExports };
  (globalThis as { __evioLoadLog?: (url: string) => void }).__evioLoadLog?.(pathToFileURL(BUNDLE).href);
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  return {
    exports: module.exports,
    saveCodeCache: () => {
      if (accepted) return;
      // Beside and renamed into place: a run reading it meanwhile sees the old cache or the new, whole.
      const temp = `${CODE_CACHE}.tmp-${process.pid}`;
      try {
        fs.writeFileSync(temp, script.createCachedData());
        fs.renameSync(temp, CODE_CACHE);
      } catch {
        // a read-only install: run without it
        fs.rmSync(temp, { force: true });
      }
    },
  };
}

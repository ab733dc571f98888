import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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

export function loadBundle(): LoadedBundle {
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

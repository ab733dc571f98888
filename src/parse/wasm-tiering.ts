import v8 from "node:v8";

/**
 * V8 recompiles hot WebAssembly functions with TurboFan on a background thread, and Node waits
 * for those compile jobs before the process exits. web-tree-sitter's own start-up runs enough
 * code to set one off, so a hook run that parsed one Nix block spent 40 ms after its last line of
 * output waiting for code it would never run (docs/performance.md). A run of the CLI raises the
 * budget before the grammar loads, so Liftoff's code does the parsing; measured, that is 3%
 * slower on 1.8 MB of Nix and 40-60 ms faster on the benchmark's repository and its hook.
 *
 * V8 keys its code cache on its flags: the default comes back before the bundle writes its cache
 * (src/cli/bundle-loader.ts), or each run would reject the cache of the run before. The default
 * is known per V8 version; on another version nothing changes.
 */
const DEFAULT_BUDGET: Readonly<Record<string, number>> = { "11.3": 1_800_000 };
const SHORT_RUN_BUDGET = 1_000_000_000;

let wanted = false;
let raisedFrom: number | undefined;

/**
 * The CLI asks for this before a run on one thread; a language server keeps V8's default, and so
 * does a worker thread (it never asks: module state is per thread).
 */
export function preferShortRun(): void {
  wanted = true;
}

/** Called just before web-tree-sitter compiles its WebAssembly: the budget is read then. */
export function beforeWasmCompile(): void {
  if (!wanted || raisedFrom !== undefined) return;
  const budget = DEFAULT_BUDGET[process.versions.v8.split(".").slice(0, 2).join(".")];
  if (budget === undefined) return;
  v8.setFlagsFromString(`--wasm-tiering-budget=${SHORT_RUN_BUDGET}`);
  raisedFrom = budget;
}

/** Puts V8's default back (the compiled grammar keeps its budget) and ends the request. */
export function restoreWasmTiering(): void {
  wanted = false;
  if (raisedFrom === undefined) return;
  v8.setFlagsFromString(`--wasm-tiering-budget=${raisedFrom}`);
  raisedFrom = undefined;
}

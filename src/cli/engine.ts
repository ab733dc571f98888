// What a lint run needs past option parsing, as one module that main.ts imports when a run needs
// it: `--list-rules` and `explain` run none of it (in the bundle, one lazy init, not nine).
export { ConfigError, loadConfig } from "../config/load.js";
export { findRoot, workTreePrefix } from "../discover/root.js";
export { RuleContractError } from "../engine/context.js";
export { loadTomlParser } from "../parse/toml.js";
export { preferShortRun, restoreWasmTiering } from "../parse/wasm-tiering.js";
export { stagedFiles, standardInput, workingTree } from "./inputs.js";
export { lintFiles } from "./lint-file.js";
export { jobsFor, runWorkers, shares } from "./parallel.js";
export { noWorkspaceNote } from "../engine/scope.js";

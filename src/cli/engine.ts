// What a lint run needs past option parsing, as one module that main.ts imports when a run needs
// it: `--version` and `--help` load none of it, and it is one chunk of the bundle, not nine.
export { ConfigError, loadConfig } from "../config/load.js";
export { findRoot, workTreePrefix } from "../discover/root.js";
export { RuleContractError } from "../engine/context.js";
export { loadTomlParser } from "../parse/toml.js";
export { stagedFiles, standardInput, workingTree } from "./inputs.js";
export { lintFiles } from "./lint-file.js";
export { jobsFor, runWorkers, shares } from "./parallel.js";
export { noWorkspaceNote } from "../engine/scope.js";

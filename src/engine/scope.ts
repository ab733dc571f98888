import path from "node:path";
import { declaresWorkspace } from "../discover/root.js";
import { pythonLooking } from "../discover/python-looking.js";
import type { LintEnv } from "./run.js";

/** A run in a repo that is no uv workspace: what it lints, and why. */
export interface NoWorkspace {
  /** what was looked for at the root and not found */
  readonly missing: string;
  /** the file is Python-looking: in or under a folder with a pyproject.toml, setup.py, requirements*.txt... */
  lints(file: string): boolean;
}

/**
 * A repo whose root declares no `[tool.uv.workspace]` has not chosen the contract: unless the
 * config says `"workspace": "required"`, only the rules that need no workspace run, and only on
 * Python-looking files. `all` is every file of the repo (markers are looked for there).
 */
export function applyScope(env: LintEnv, all: readonly string[]): LintEnv {
  // A root pyproject that does not parse still declares the workspace when its text has the table.
  const declared = env.workspace.isWorkspace || declaresWorkspace(path.join(env.rootAbs, "pyproject.toml"));
  if (declared || env.config.workspace === "required") return env;
  const missing = env.workspace.rootPyproject || all.includes("pyproject.toml")
    ? "its pyproject.toml has no [tool.uv.workspace]"
    : "no pyproject.toml with [tool.uv.workspace]";
  return { ...env, rules: env.rules.filter((r) => !r.needsWorkspace), noWorkspace: { missing, lints: pythonLooking(all) } };
}

/** The one line a run prints on stderr when the repo is no uv workspace. */
export function noWorkspaceNote(env: LintEnv, linted: number, listed: number): string {
  const files = `${linted} Python-looking file${linted === 1 ? "" : "s"} of ${listed}`;
  return `evio-lint: no uv workspace at ${env.rootAbs} (${env.noWorkspace!.missing}); linting ${files} with only the rules that need no workspace. Set "workspace": "required" in .evio-lint.json to apply the whole contract.\n`;
}

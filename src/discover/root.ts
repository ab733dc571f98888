import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { tomlValues, valueAt } from "../parse/toml.js";

/**
 * The lint root: the nearest folder upwards with a pyproject.toml that declares
 * `[tool.uv.workspace]`, else the git top level, else (no git: `evio-lint` run in /tmp or a home
 * folder must not walk it all) the nearest folder with a pyproject.toml or flake.nix, else the
 * starting folder.
 */
export function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (declaresWorkspace(path.join(dir, "pyproject.toml"))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  try {
    const top = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: start, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: discoveryEnv() }).trim();
    if (top) return fs.realpathSync(top);
  } catch {
    // not a git checkout
  }
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "pyproject.toml")) || fs.existsSync(path.join(dir, "flake.nix"))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/**
 * Git runs hooks with GIT_DIR set; without GIT_WORK_TREE, git then takes the current folder for
 * the top level, so a pre-commit run from a worktree's `docs/` would make `docs/` the root.
 */
function discoveryEnv(): NodeJS.ProcessEnv {
  if (process.env["GIT_DIR"] === undefined || process.env["GIT_WORK_TREE"] !== undefined) return process.env;
  const { GIT_DIR: _, ...rest } = process.env;
  return rest;
}

/** The pyproject.toml at `file` declares `[tool.uv.workspace]` (also when it does not parse, by its text). */
export function declaresWorkspace(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return false;
  }
  if (!text.includes("workspace")) return false;
  const pyproject = tomlValues(text);
  // A root pyproject that does not parse still marks the root: the parse error is reported there.
  return pyproject ? valueAt(pyproject, ["tool", "uv", "workspace"]) !== undefined : /^\s*\[tool\.uv\.workspace\]/m.test(text);
}

/** The root's place in its git work tree (`services/api/`, "" at the top or outside git), for reports read against the repository. */
export function workTreePrefix(root: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--show-prefix"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: discoveryEnv() }).trim();
  } catch {
    return "";
  }
}

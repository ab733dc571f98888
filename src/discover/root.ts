import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

/**
 * The lint root: the nearest folder upwards with a pyproject.toml that declares
 * `[tool.uv.workspace]`, else the git top level, else the starting folder.
 */
export function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (declaresWorkspace(path.join(dir, "pyproject.toml"))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  try {
    const top = execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: start, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (top) return fs.realpathSync(top);
  } catch {
    // not a git checkout
  }
  return start;
}

function declaresWorkspace(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return false;
  }
  if (!text.includes("workspace")) return false;
  try {
    const doc = parse(text) as { tool?: { uv?: { workspace?: unknown } } };
    return doc.tool?.uv?.workspace !== undefined;
  } catch {
    // A root pyproject that does not parse still marks the root: the parse error is reported there.
    return /^\s*\[tool\.uv\.workspace\]/m.test(text);
  }
}

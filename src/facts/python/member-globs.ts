import * as path from "node:path";
import picomatch from "picomatch";
import { escapesRoot, type FileSource } from "../../discover/file-source.js";

/** uv's rules for `[tool.uv.workspace] members` and `exclude`: which directories a glob names. */

const NEVER_MEMBERS = new Set(["node_modules", ".venv", ".git"]);
// uv matches with the `glob` crate: no braces, no extglobs, and `*` also matches dot files.
const SEGMENT_GLOB = { dot: true, nobrace: true, noextglob: true, nonegate: true };
// uv tests excludes with glob::Pattern::matches_path, where `*` also crosses `/`: bash mode does that.
const EXCLUDE_GLOB = { ...SEGMENT_GLOB, bash: true };

export type DirMatcher = (dir: string) => boolean;

/** One matcher per `exclude` pattern, compiled once for all the `members` globs. */
export function excluders(excludes: readonly string[]): DirMatcher[] {
  return excludes.map((exclude) => picomatch(cleanPattern(exclude), EXCLUDE_GLOB));
}

/** True when a workspace `exclude` pattern matches the directory (uv's matching). */
export function isExcludedDir(dir: string, excludes: readonly string[]): boolean {
  return excludes.some((exclude) => picomatch(cleanPattern(exclude), EXCLUDE_GLOB)(dir));
}

/** The directories a glob gives after `exclude`, minus hidden ones without a pyproject.toml. */
export function globDirs(pattern: string, excluded: readonly DirMatcher[], wsFs: FileSource): { dir: string; hasPyproject: boolean }[] {
  const dirs: { dir: string; hasPyproject: boolean }[] = [];
  for (const dir of expandGlob(pattern, wsFs)) {
    if (dir !== "." && excluded.some((isExcluded) => isExcluded(dir))) continue;
    const hasPyproject = wsFs.isFile(path.posix.join(dir, "pyproject.toml"));
    // uv skips hidden directories without a pyproject.toml (astral-sh/uv#5408) and errors on others.
    if (!hasPyproject && path.posix.basename(dir).startsWith(".")) continue;
    dirs.push({ dir, hasPyproject });
  }
  return dirs;
}

/** Directories matched by one `members` glob, walking segment by segment like the `glob` crate. */
function expandGlob(pattern: string, wsFs: FileSource): string[] {
  let dirs = ["."];
  for (const segment of cleanPattern(pattern).split("/")) {
    if (segment === "" || segment === ".") continue;
    const next = new Set<string>();
    const isMatch = picomatch.scan(segment).isGlob ? picomatch(segment, SEGMENT_GLOB) : undefined;
    for (const dir of dirs) {
      if (segment === "**") {
        for (const found of [dir, ...descendants(dir, wsFs)]) next.add(found);
      } else if (isMatch) {
        for (const name of wsFs.listDir(dir)) {
          const child = path.posix.join(dir, name);
          if (!NEVER_MEMBERS.has(name) && isMatch(name) && wsFs.isDir(child)) next.add(child);
        }
      } else if (wsFs.isDir(path.posix.join(dir, segment))) {
        next.add(path.posix.join(dir, segment));
      }
    }
    // `members = ["../outside/*"]` names folders outside the repository: never read there.
    dirs = [...next].filter((d) => !escapesRoot(d));
  }
  return dirs;
}

/** Every folder below `dir`, iteratively: a deep tree must not overflow the stack. */
function descendants(dir: string, wsFs: FileSource): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const at = stack.pop()!;
    for (const name of wsFs.listDir(at)) {
      const child = path.posix.join(at, name);
      if (NEVER_MEMBERS.has(name) || !wsFs.isDir(child)) continue;
      found.push(child);
      stack.push(child);
    }
  }
  return found.sort();
}

function cleanPattern(pattern: string): string {
  return pattern.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/+$/, "");
}

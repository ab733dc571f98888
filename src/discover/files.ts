import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { isRegularFile } from "./inside-root.js";
import { kindFromPath, kindFromShebang, type FileKind } from "./kind.js";

export interface DiscoveredFile {
  /** posix, relative to the root */
  readonly path: string;
  readonly kind: FileKind;
}

/** Never linted, wherever they are: tool caches and environments. */
const NEVER = new Set(["node_modules", ".evio-lint-cache", ".venv", ".git", "__pycache__", ".direnv", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".tox", ".nox"]);

/** Outside git, how many files a walk lists before it stops and says so. */
export const WALK_LIMIT = 20_000;

export function isNeverLinted(relPath: string): boolean {
  return relPath.split("/").some((seg) => NEVER.has(seg));
}

/** Files of the tree: git's view (tracked + untracked not ignored) or a walk honouring .gitignore. */
export function listFiles(root: string, onWalkLimit: (limit: number) => void = () => {}): string[] {
  const fromGit = gitFiles(root);
  const files = fromGit ?? walk(root, onWalkLimit);
  return files.filter((f) => !isNeverLinted(f)).sort();
}

function gitFiles(root: string): string[] | null {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 1 << 30,
    });
    // Deleted-but-tracked files are still listed by git; only what exists is linted. A symlink is
    // never linted: its target, when it is in the repository, is linted under its own name.
    return out.split("\0").filter((f) => f !== "" && isRegularFile(path.join(root, f)));
  } catch {
    return null;
  }
}

/** Nix build outputs (`result`, `result-dev`): links into the store, never the project's own. */
const isNixResult = (name: string) => name === "result" || name.startsWith("result-");

/**
 * Outside git: an iterative walk honouring .gitignore files, never following a link (a directory
 * link to a parent would loop), stopping at WALK_LIMIT files so `evio-lint` in a home folder ends.
 */
function walk(root: string, onLimit: (limit: number) => void): string[] {
  const out: string[] = [];
  const stack: { rel: string; rules: { base: string; ig: Ignore }[] }[] = [{ rel: "", rules: [] }];
  while (stack.length > 0) {
    const { rel, rules } = stack.pop()!;
    const abs = path.join(root, rel);
    let local = rules;
    const gi = path.join(abs, ".gitignore");
    if (isRegularFile(gi)) {
      try {
        local = [...rules, { base: rel, ig: ignore().add(fs.readFileSync(gi, "utf8")) }];
      } catch {
        // unreadable .gitignore: walk as if it were not there
      }
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      continue; // unreadable folder
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? 1 : -1))) {
      if (NEVER.has(entry.name) || isNixResult(entry.name)) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const dir = entry.isDirectory();
      if (local.some(({ base, ig }) => ig.ignores(path.posix.relative(base, childRel) + (dir ? "/" : "")))) continue;
      if (dir) stack.push({ rel: childRel, rules: local });
      else if (entry.isFile()) {
        if (out.length >= WALK_LIMIT) {
          onLimit(WALK_LIMIT);
          return out;
        }
        out.push(childRel);
      }
    }
  }
  return out;
}

/** Classify by name, or by shebang for extensionless files. */
export function classify(root: string, relPath: string): FileKind {
  const kind = kindFromPath(relPath);
  if (kind !== undefined) return kind;
  return kindFromShebang(firstLine(path.join(root, relPath)));
}

function firstLine(abs: string): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, "r");
    const buf = Buffer.alloc(256);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString("utf8").split("\n", 1)[0] ?? "";
  } catch {
    return "";
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface Selection {
  /** explicit files or folders (posix, relative to the root); empty = the whole tree */
  readonly targets: readonly string[];
  readonly ignores: readonly string[];
}

/**
 * The files to lint. Explicit files that config ignores are skipped silently (a pre-commit hook
 * passes every staged name); explicit folders narrow the tree.
 */
export function selectFiles(root: string, all: readonly string[], selection: Selection): DiscoveredFile[] {
  const ignored = selection.ignores.length > 0 ? picomatch(selection.ignores as string[], { dot: true }) : () => false;
  const chosen = new Set<string>();
  if (selection.targets.length === 0) {
    for (const f of all) chosen.add(f);
  } else {
    const known = new Set(all);
    for (const t of selection.targets) {
      if (t === "." || t === "") {
        for (const f of all) chosen.add(f);
      } else if (known.has(t) || (isRegularFile(path.join(root, t)) && !isNeverLinted(t))) {
        chosen.add(t);
      } else {
        const prefix = t.endsWith("/") ? t : `${t}/`;
        for (const f of all) if (f.startsWith(prefix)) chosen.add(f);
      }
    }
  }
  return [...chosen]
    .filter((f) => !ignored(f) && !ignoredByFolder(f, ignored))
    .sort()
    .map((f) => ({ path: f, kind: classify(root, f) }));
}

/** `legacy/` or `legacy` in ignores skips everything below it, as users expect from .gitignore. */
function ignoredByFolder(file: string, ignored: (p: string) => boolean): boolean {
  const parts = file.split("/");
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join("/");
    if (ignored(dir) || ignored(`${dir}/`)) return true;
  }
  return false;
}

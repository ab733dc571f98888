import fs from "node:fs";
import path from "node:path";
import { UsageError } from "./options.js";

// Kept apart from inputs.ts (which builds the engine's inputs) so that a run served from the cache
// resolves its paths without loading the engine.

/**
 * Where root discovery starts for a named path. Below the current folder, only real folders are
 * entered: a directory link in the repository (`vendor -> /etc`) must not make its target the root.
 * A path outside the current folder was named by the user, not by the repository: followed as is.
 */
export function discoveryStart(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  let dir = cwd;
  for (const seg of rel.split(path.sep).filter((s) => s !== "")) {
    const next = path.join(dir, seg);
    if (!fs.lstatSync(next).isDirectory()) break;
    dir = next;
  }
  return dir;
}

/**
 * Named paths as real paths relative to the root. One that is inside the root but whose real path
 * leaves it (a link a pre-commit hook passes on) is not linted, with a note: it stays a target under
 * its own name, which selects no file (discovery lists no links), so the run is not widened to the
 * whole tree. One that is outside the root itself is a usage error.
 */
export function rootTargets(root: string, absTargets: readonly string[], stderr: (s: string) => void): string[] {
  const out: string[] = [];
  for (const abs of absTargets) {
    const real = relativeTo(root, fs.realpathSync(abs));
    if (!real.startsWith("../")) out.push(real);
    else if (relativeTo(root, abs).startsWith("../")) throw new UsageError(`${real} is outside the root ${root}`);
    else {
      out.push(relativeTo(root, abs));
      stderr(`evio-lint: ${relativeTo(root, abs)}: not linted: a symlink to a path outside the repository\n`);
    }
  }
  return out;
}

/** Posix, relative to the root; "." for the root itself. */
export function relativeTo(root: string, abs: string): string {
  const rel = path.relative(root, abs).split(path.sep).join("/");
  return rel === "" ? "." : rel;
}

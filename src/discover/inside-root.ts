import fs from "node:fs";
import path from "node:path";

/**
 * Repositories are untrusted input (a CI gate lints strangers' pull requests): a symlink such as
 * `pyproject.toml -> /etc/passwd` must not make evio-lint read, print or write anything outside
 * the root. Every read of a file that the repository names goes through here.
 */

const realRoots = new Map<string, string>();

/**
 * One realpath(3) call where the JavaScript one lstats each component of the path (every file of
 * a lint is checked here). Windows keeps the JavaScript one, which knows its drive mappings.
 */
const realpath = process.platform === "win32" ? fs.realpathSync : fs.realpathSync.native;

function realRoot(rootAbs: string): string {
  let real = realRoots.get(rootAbs);
  if (real === undefined) {
    try {
      real = realpath(rootAbs);
    } catch {
      real = path.resolve(rootAbs);
    }
    realRoots.set(rootAbs, real);
  }
  return real;
}

/** Whether `abs`, with every symlink resolved, is the root or lies below it. */
export function isInsideRoot(rootAbs: string, abs: string): boolean {
  let real: string;
  try {
    real = realpath(abs);
  } catch {
    return false;
  }
  const rel = path.relative(realRoot(rootAbs), real);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The bytes of a file whose real path lies inside the root; undefined for anything else. */
export function readInsideRoot(rootAbs: string, abs: string): Buffer | undefined {
  if (!isInsideRoot(rootAbs, abs)) return undefined;
  try {
    return fs.readFileSync(abs);
  } catch {
    return undefined;
  }
}

/** `readInsideRoot` as text, without a BOM check (callers decode). */
export function readTextInsideRoot(rootAbs: string, abs: string): string | undefined {
  return readInsideRoot(rootAbs, abs)?.toString("utf8");
}

/** A regular file, not a link to one: what discovery lists and what a fix may replace. */
export function isRegularFile(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isFile();
  } catch {
    return false;
  }
}

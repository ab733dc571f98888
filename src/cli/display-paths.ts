import fs from "node:fs";
import path from "node:path";

/** A path named on the command line: as the user typed it, and as the root-relative path it selects. */
export interface TypedPath {
  readonly typed: string;
  readonly target: string;
}

/**
 * How human reports name a file. A file under a path given on the command line keeps the user's
 * spelling (`./scripts/x.sh`, `../repo/x.sh`, an absolute path), so it can be pasted back or
 * matched by an editor; any other file is shown relative to the current folder, as Ruff does,
 * never root-relative when the run starts in a subfolder. Machine formats keep root-relative paths.
 */
export function displayPaths(cwd: string, root: string, typed: readonly TypedPath[]): (file: string) => string {
  let realCwd = cwd;
  try {
    realCwd = fs.realpathSync(cwd);
  } catch {
    // a cwd that vanished: relative to what was given
  }
  const named = typed
    // `.` means "here": its files read better without a `./` in front
    .filter((t) => t.target !== "." && !t.target.startsWith("../") && path.normalize(t.typed) !== ".")
    .map((t) => ({ prefix: t.typed.length > 1 ? t.typed.replace(/\/+$/, "") : t.typed, target: t.target }))
    .sort((a, b) => b.target.length - a.target.length);
  const cache = new Map<string, string>();
  return (file) => {
    let shown = cache.get(file);
    if (shown === undefined) {
      const t = named.find((n) => file === n.target || file.startsWith(`${n.target}/`));
      shown = t ? t.prefix + file.slice(t.target.length) : path.relative(realCwd, path.join(root, file)).split(path.sep).join("/") || ".";
      cache.set(file, shown);
    }
    return shown;
  };
}

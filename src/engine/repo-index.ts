import fs from "node:fs";
import path from "node:path";
import { noteStat } from "../discover/reads.js";
import type { RepoIndex } from "./define-rule.js";

/**
 * Existence answers from the discovered file list, falling back to the file system for what git
 * ignores (data folders are usually ignored, and a script there still exists).
 */
export function repoIndex(rootAbs: string, files: readonly string[]): RepoIndex {
  const known = new Set(files);
  const dirs = new Set<string>(["."]);
  for (const f of files) {
    for (let d = path.posix.dirname(f); d !== "." && !dirs.has(d); d = path.posix.dirname(d)) dirs.add(d);
  }
  const clean = (p: string): string | null => {
    const n = path.posix.normalize(p).replace(/\/$/, "");
    return n === ".." || n.startsWith("../") || path.posix.isAbsolute(n) ? null : n === "" ? "." : n;
  };
  const stat = (p: string): fs.Stats | undefined => {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(path.join(rootAbs, p));
    } catch {
      st = undefined;
    }
    noteStat("stat", path.join(rootAbs, p), st);
    return st;
  };
  return {
    isFile(p) {
      const n = clean(p);
      return n !== null && (known.has(n) || stat(n)?.isFile() === true);
    },
    isDir(p) {
      const n = clean(p);
      return n !== null && (dirs.has(n) || stat(n)?.isDirectory() === true);
    },
    exists(p) {
      return this.isFile(p) || this.isDir(p);
    },
  };
}

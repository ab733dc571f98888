import fs from "node:fs";
import path from "node:path";
import { isInsideRoot, readTextInsideRoot } from "./inside-root.js";
import { noteDir, noteStat, noteText } from "./reads.js";

/**
 * Where a run reads the files it was not asked to lint (members' pyproject.toml, uv.lock, imported
 * Nix files, a flake beside a shellHook): the working tree, or git's index under `--staged`, so
 * every read of a run describes the same tree. Paths are posix and relative to the root ("." is
 * the root).
 */
export interface FileSource {
  readText(rel: string): string | undefined;
  isDir(rel: string): boolean;
  isFile(rel: string): boolean;
  listDir(rel: string): string[];
}

/** A relative path in one spelling: posix separators, normalized, no trailing slash; "." for the root. */
export function cleanPath(file: string): string {
  const normalized = path.posix.normalize(file.replace(/\\/g, "/")).replace(/\/+$/, "");
  return normalized === "" ? "." : normalized;
}

/** A posix relative path that leaves the root. */
export const escapesRoot = (rel: string): boolean => rel === ".." || rel.startsWith("../") || path.posix.isAbsolute(rel);

/**
 * The working tree, confined to the root: a member's `pyproject.toml -> /etc/passwd` reads as
 * absent, and directory links are not followed (uv does not follow them either; a link to a
 * parent would make `**` loop).
 */
export function workingTreeSource(rootAbs: string): FileSource {
  const abs = (rel: string) => path.join(rootAbs, rel);
  const inside = (rel: string) => !escapesRoot(path.posix.normalize(rel.replace(/\\/g, "/")));
  // Each read is noted for the result cache (reads.ts): a file's result is what they saw.
  const lstat = (rel: string) => {
    if (!inside(rel)) return undefined;
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(abs(rel), { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    noteStat("lstat", abs(rel), st);
    return st;
  };
  const followed = (rel: string) => {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs(rel));
    } catch {
      st = undefined;
    }
    noteStat("stat", abs(rel), st);
    return st;
  };
  return {
    readText: (rel) => {
      if (!inside(rel)) return undefined;
      const text = readTextInsideRoot(rootAbs, abs(rel));
      noteText(abs(rel), text);
      return text;
    },
    isDir: (rel) => rel === "." || rel === "" || (lstat(rel)?.isDirectory() ?? false),
    isFile: (rel) => {
      const st = lstat(rel);
      return st !== undefined && (st.isFile() || (st.isSymbolicLink() && isInsideRoot(rootAbs, abs(rel)) && followed(rel)?.isFile() === true));
    },
    listDir(rel) {
      if (!inside(rel)) return [];
      let names: string[];
      try {
        names = fs.readdirSync(abs(rel)).sort();
      } catch {
        names = [];
      }
      noteDir(abs(rel), names);
      return names;
    },
  };
}

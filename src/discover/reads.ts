import fs from "node:fs";
import { readTextInsideRoot } from "./inside-root.js";
import { hexDigest } from "../text/hash.js";

/**
 * Reads of files other than the one being linted (the workspace model's pyprojects and folders,
 * imported Nix files, `.python-version`, paths a command names). A file's result depends on what
 * they saw, so the result cache records each as an observation and serves a cached result only
 * while every observation still holds (src/cache/results.ts). Without an observer this costs a
 * function call.
 */
export type ReadOp = "text" | "dir" | "stat" | "lstat";

export type ReadObserver = (op: ReadOp, abs: string, seen: string) => void;

let observer: ReadObserver | undefined;

export function observeReads(o: ReadObserver | undefined): void {
  observer = o;
}

const sha1 = (text: string): string => hexDigest("sha1", text);
const typeOf = (st: fs.Stats | undefined): string =>
  st === undefined ? "none" : st.isFile() ? "file" : st.isDirectory() ? "dir" : st.isSymbolicLink() ? "link" : "other";

/** A file's text as read inside the root (readTextInsideRoot); undefined when absent or refused. */
export function noteText(abs: string, text: string | undefined): void {
  if (observer) observer("text", abs, text === undefined ? "-" : sha1(text));
}

/** A folder's entries, sorted. */
export function noteDir(abs: string, names: readonly string[]): void {
  if (observer) observer("dir", abs, names.join("\0"));
}

/** What `fs.statSync` (links followed) or `fs.lstatSync` said; undefined when it threw. */
export function noteStat(op: "stat" | "lstat", abs: string, st: fs.Stats | undefined): void {
  if (observer) observer(op, abs, typeOf(st));
}

/** The same observation made now, to compare with a recorded one. */
export function observeNow(rootAbs: string, op: ReadOp, abs: string): string {
  switch (op) {
    case "text": {
      const text = readTextInsideRoot(rootAbs, abs);
      return text === undefined ? "-" : sha1(text);
    }
    case "dir":
      try {
        return fs.readdirSync(abs).sort().join("\0");
      } catch {
        return "";
      }
    case "stat":
    case "lstat":
      try {
        return typeOf(op === "stat" ? fs.statSync(abs) : fs.lstatSync(abs));
      } catch {
        return typeOf(undefined);
      }
  }
}

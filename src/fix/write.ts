import fs from "node:fs";
import path from "node:path";
import { hexDigest, randomHex } from "../text/hash.js";

/** Why a fix was computed but not written; the run goes on and reports the file as it is. */
export class WriteRefused extends Error {}

/** What a file was when it was read, to notice an edit made while the fix was computed. */
export interface ReadStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha1: string;
}

export function stampOf(abs: string, bytes: Buffer): ReadStamp | undefined {
  try {
    const st = fs.lstatSync(abs);
    return { size: st.size, mtimeMs: st.mtimeMs, sha1: sha1(bytes) };
  } catch {
    return undefined;
  }
}

const sha1 = (bytes: Buffer) => hexDigest("sha1", bytes);

/**
 * Replace a file's content atomically: write a temp file beside it with the same mode (and owner,
 * when we may), then rename over it. A crash leaves either the old file or the new one.
 * Never through a symlink (the target may be outside the repository), never over a hard link
 * (a rename would split it from its other names), never over an edit made since `expected`.
 * Throws WriteRefused with a reason a user can act on.
 */
export function writeAtomic(absPath: string, content: string, expected?: ReadStamp): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(absPath);
  } catch (e) {
    throw new WriteRefused(reason(e));
  }
  if (st.isSymbolicLink()) throw new WriteRefused("symlink (evio-lint never writes through a link)");
  if (!st.isFile()) throw new WriteRefused("not a regular file");
  if (st.nlink > 1) throw new WriteRefused("hard link (a rename would split it from its other names)");
  // Short on purpose: a long file name plus a suffix would pass NAME_MAX.
  const temp = path.join(path.dirname(absPath), `.evio-lint-${randomHex(4)}.tmp`);
  try {
    fs.writeFileSync(temp, content, { mode: st.mode & 0o7777, flag: "wx" });
    fs.chmodSync(temp, st.mode & 0o7777); // the umask may have narrowed it
    try {
      fs.chownSync(temp, st.uid, st.gid); // root fixing a user's file keeps it theirs
    } catch {
      // not permitted for an ordinary user on someone else's file: the mode still holds
    }
    if (expected && changedSince(absPath, expected)) throw new WriteRefused("the file changed while fixing");
    fs.renameSync(temp, absPath);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e instanceof WriteRefused ? e : new WriteRefused(reason(e));
  }
}

function changedSince(absPath: string, expected: ReadStamp): boolean {
  try {
    const st = fs.lstatSync(absPath);
    if (st.size !== expected.size || st.mtimeMs !== expected.mtimeMs) return true;
    return sha1(fs.readFileSync(absPath)) !== expected.sha1;
  } catch {
    return true;
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const messages: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    ENAMETOOLONG: "file name too long",
    ENOENT: "the file no longer exists",
  };
  return (err.code && messages[err.code]) ? `${messages[err.code]} (${err.code})` : err.message ?? String(e);
}

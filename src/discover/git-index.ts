import { execFile, execFileSync } from "node:child_process";
import path from "node:path";
import type { FileSource } from "./file-source.js";

const git = (root: string, args: string[], input?: Buffer | string): Buffer =>
  execFileSync("git", args, { cwd: root, maxBuffer: 1 << 30, stdio: ["pipe", "pipe", "pipe"], ...(input !== undefined ? { input } : {}) });

const gitAsync = (root: string, args: string[]): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    execFile("git", args, { cwd: root, maxBuffer: 1 << 30, encoding: "buffer" }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

// Files added, copied, modified or renamed in the index (deleted ones have nothing to lint);
// `--relative`: paths relative to the root and only those below it, as ls-files gives them.
const STAGED = ["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--no-renames", "--relative"];
const LISTING = ["ls-files", "-z", "--stage"];
const stagedPaths = (out: Buffer): string[] => out.toString("utf8").split("\0").filter((f) => f !== "").sort();

export interface StagedChange {
  /** posix path relative to the root */
  readonly path: string;
}

/**
 * What a commit would record, read from git's index rather than the working tree: the list of
 * staged files, their staged content, and a FileSource over the index so every file a run reads
 * besides them (members, uv.lock, imported Nix files) describes the commit too.
 */
export class GitIndex {
  private readonly files: string[] = [];
  private readonly dirs = new Set<string>(["."]);
  private readonly blobs = new Map<string, Buffer | null>();
  /** path -> mode and object id of its stage-0 entry (conflicted paths have none and read as absent) */
  private readonly entries = new Map<string, { mode: string; oid: string }>();

  private constructor(readonly root: string, listing: string) {
    // NUL-separated, with object ids: a path may hold a newline, so blobs are read by id, never by name.
    for (const record of listing.split("\0")) {
      const m = /^(\d{6}) ([0-9a-f]+) (\d)\t([\s\S]+)$/.exec(record);
      if (!m) continue;
      const rel = m[4]!;
      if (!this.entries.has(rel)) this.files.push(rel);
      if (m[3] === "0") this.entries.set(rel, { mode: m[1]!, oid: m[2]! });
    }
    for (const f of this.files) for (let d = path.posix.dirname(f); d !== "." && !this.dirs.has(d); d = path.posix.dirname(d)) this.dirs.add(d);
  }

  /**
   * The index and what is staged in it, from two git processes that run side by side (a commit
   * hook waits for both). `root` may be below the git top level (a workspace inside a bigger
   * repo): git lists only the files below the folder it runs in, relative to it, so no
   * `rev-parse` is needed to place it.
   */
  static async openStaged(root: string): Promise<{ index: GitIndex; staged: string[] } | null> {
    const listing = gitAsync(root, LISTING);
    const staged = gitAsync(root, STAGED);
    let text: string;
    try {
      text = (await listing).toString("utf8");
    } catch {
      staged.catch(() => undefined);
      return null; // not a git repository
    }
    return { index: new GitIndex(root, text), staged: stagedPaths(await staged) };
  }

  /** Every file in the index below the root. */
  list(): readonly string[] {
    return this.files;
  }

  /** The index entry's mode (`100644`, `100755`, `120000` for a link); undefined when not staged. */
  mode(rel: string): string | undefined {
    return this.entries.get(rel)?.mode;
  }

  /** Staged content; null when the path is not in the index (or is a symlink or submodule entry). */
  read(rel: string): Buffer | null {
    if (!this.blobs.has(rel)) this.prefetch([rel]);
    return this.blobs.get(rel) ?? null;
  }

  /** Read many blobs with one `git cat-file --batch`. */
  prefetch(rels: readonly string[]): void {
    const wanted: string[] = [];
    for (const rel of rels) {
      if (this.blobs.has(rel)) continue;
      const entry = this.entries.get(rel);
      // A staged symlink's blob is its target's name, not content to lint; a gitlink has no blob.
      if (entry && (entry.mode === "100644" || entry.mode === "100755")) wanted.push(rel);
      else this.blobs.set(rel, null);
    }
    if (wanted.length === 0) return;
    const out = git(this.root, ["cat-file", "--batch"], wanted.map((r) => this.entries.get(r)!.oid).join("\n") + "\n");
    let at = 0;
    for (const rel of wanted) {
      const eol = out.indexOf(10, at);
      const header = out.subarray(at, eol).toString("utf8");
      at = eol + 1;
      const m = / blob (\d+)$/.exec(header);
      if (!m) {
        this.blobs.set(rel, null); // "<name> missing"
        continue;
      }
      const size = Number(m[1]);
      this.blobs.set(rel, out.subarray(at, at + size));
      at += size + 1;
    }
  }

  /**
   * The index as a run's FileSource. What most runs read is read in one batch: the workspace's
   * files, the root `.python-version` (the Nix facts compare it) and `alsoRead` (the staged files).
   */
  fileSource(alsoRead: readonly string[] = []): FileSource {
    this.prefetch([...this.files.filter((f) => /(^|\/)(pyproject\.toml|uv\.lock)$/.test(f) || f === ".python-version"), ...alsoRead]);
    const fileSet = new Set(this.files);
    return {
      readText: (rel) => this.read(path.posix.normalize(rel))?.toString("utf8"),
      isFile: (rel) => fileSet.has(path.posix.normalize(rel)),
      isDir: (rel) => this.dirs.has(path.posix.normalize(rel) || "."),
      listDir: (rel) => {
        const dir = path.posix.normalize(rel);
        const prefix = dir === "." ? "" : `${dir}/`;
        const names = new Set<string>();
        for (const f of this.files) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split("/")[0]!);
        return [...names].sort();
      },
    };
  }
}

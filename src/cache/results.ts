import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FileKind } from "../discover/kind.js";
import { observeNow, observeReads, type ReadOp } from "../discover/reads.js";
import type { Diagnostic } from "../engine/diagnostic.js";

/**
 * Results per file, reused while nothing they depend on changed (ESLint's and Ruff's `--cache`).
 * A result is served only when all of these are as they were when it was computed:
 * - the file's bytes (its SHA-1) and kind;
 * - evio-lint itself (version, and its own compiled files, so a rebuild starts afresh), Node;
 * - the config file's text, `--config` and `--rule` overrides;
 * - the list of files of the tree (a file added or removed anywhere changes what exists);
 * - every read of another file the run made (discover/reads.ts): the workspace model's pyprojects,
 *   folders and uv.lock, imported Nix files, `.python-version`, paths commands name that git does
 *   not list. Any difference and the whole cache starts afresh: conservative, never stale.
 */
export const DEFAULT_CACHE_DIR = ".evio-lint-cache";
const CACHE_FILE = "results-v1.json";
const FORMAT = 1;

export interface CacheIdentity {
  readonly version: string;
  /** the config file (absolute) and its text, null when there is none */
  readonly configPath: string;
  readonly configText: string | null;
  readonly cliRules: Readonly<Record<string, string>>;
  /** `--workspace`, which decides which rules run on which files */
  readonly workspace?: string;
}

export interface CachedFile {
  readonly hash: string;
  readonly kind: FileKind;
  /** whether the file was read as text (a SourceFile for the report) */
  readonly text: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

interface Stored {
  readonly format: number;
  readonly key: string;
  readonly listing: string;
  /** `op \0 absolute path` -> what was seen */
  readonly reads: Record<string, string>;
  readonly ignores: readonly string[];
  readonly files: Record<string, CachedFile>;
}

export class CacheRefused extends Error {}

const sha1 = (data: string | Uint8Array): string => createHash("sha1").update(data).digest("hex");

/** The hash a file's entry is keyed on; "" for a file that is never read (kind `other`). */
export const contentHash = (bytes: Uint8Array | null): string => (bytes === null ? "" : sha1(bytes));

export class ResultCache {
  private readonly files: Record<string, CachedFile>;
  private readonly reads: Record<string, string>;
  /** the ignores of the config the stored results were computed with; undefined when none are stored */
  readonly ignores: readonly string[] | undefined;
  /** a read saw two different things in this run: the results may mix them, so nothing is saved */
  private conflict = false;
  private changed = false;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly listing: string,
    stored: Stored | undefined,
  ) {
    this.files = stored ? { ...stored.files } : {};
    this.reads = stored ? { ...stored.reads } : {};
    this.ignores = stored?.ignores;
    observeReads((op, abs, seen) => this.noteRead(op, abs, seen));
  }

  /**
   * Open the cache in `dir` for this run. The stored results are used only when their identity,
   * the file list and every recorded read still match; otherwise the run starts an empty cache.
   * Throws CacheRefused for a location that is, or passes through, a symlink.
   */
  static open(dir: string, rootAbs: string, identity: CacheIdentity, listing: readonly string[]): ResultCache {
    ensureRealDir(dir);
    const key = sha1(JSON.stringify({ format: FORMAT, ...identity, node: process.version, engine: engineFingerprint(), root: rootAbs }));
    const listed = sha1(listing.join("\0"));
    const stored = readStored(path.join(dir, CACHE_FILE));
    const valid =
      stored !== undefined &&
      stored.format === FORMAT &&
      stored.key === key &&
      stored.listing === listed &&
      Object.entries(stored.reads).every(([k, seen]) => {
        const [op, abs] = k.split("\0") as [ReadOp, string];
        return observeNow(rootAbs, op, abs) === seen;
      });
    return new ResultCache(dir, key, listed, valid ? stored : undefined);
  }

  /** The stored result of this file, when its bytes and kind are the same. */
  lookup(file: string, kind: FileKind, hash: string): CachedFile | undefined {
    const hit = this.files[file];
    return hit && hit.hash === hash && hit.kind === kind ? hit : undefined;
  }

  store(file: string, entry: CachedFile): void {
    this.files[file] = entry;
    this.changed = true;
  }

  /** Reads made elsewhere (a worker thread) for this run. */
  absorb(reads: readonly (readonly [ReadOp, string, string])[]): void {
    for (const [op, abs, seen] of reads) this.noteRead(op, abs, seen);
  }

  private noteRead(op: ReadOp, abs: string, seen: string): void {
    const k = `${op}\0${abs}`;
    const before = this.reads[k];
    if (before !== undefined && before !== seen) this.conflict = true;
    if (before === undefined) this.changed = true;
    this.reads[k] = seen;
  }

  /** Stop recording reads; write the cache (atomically) when this run added to it. */
  close(ignores: readonly string[] | undefined): void {
    observeReads(undefined);
    if (this.conflict || !this.changed || ignores === undefined) return;
    const stored: Stored = { format: FORMAT, key: this.key, listing: this.listing, reads: this.reads, ignores, files: this.files };
    writeNew(path.join(this.dir, CACHE_FILE), JSON.stringify(stored));
  }
}

function readStored(file: string): Stored | undefined {
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    return JSON.parse(fs.readFileSync(file, "utf8")) as Stored;
  } catch {
    // Absent, unreadable or cut short by a crash: start afresh.
    return undefined;
  }
}

/**
 * Create the folder (with a `.gitignore` of `*`, so git and evio-lint's own discovery skip it)
 * and make sure no part of its path is a symlink: a link committed to the repository
 * (`.evio-lint-cache -> ~/.ssh`) must not make evio-lint write elsewhere.
 */
function ensureRealDir(dir: string): void {
  let existing = dir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const refuse = (what: string): never => {
    throw new CacheRefused(`${dir}: ${what}; the cache is not used (name a real folder with --cache-location)`);
  };
  if (fs.realpathSync(existing) !== existing) refuse("its path goes through a symlink");
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    refuse(`cannot create it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (fs.realpathSync(dir) !== dir || !fs.lstatSync(dir).isDirectory()) refuse("it is a symlink or not a folder");
  const ignore = path.join(dir, ".gitignore");
  if (!fs.existsSync(ignore) && fs.readdirSync(dir).length === 0) writeNew(ignore, "# evio-lint's result cache (evio-lint --cache)\n*\n");
}

/** Write a temp file beside `file`, then rename it over: a concurrent run reads the old file or the new one. */
function writeNew(file: string, content: string): void {
  const temp = path.join(path.dirname(file), `.evio-lint-${randomBytes(4).toString("hex")}.tmp`);
  try {
    fs.writeFileSync(temp, content, { flag: "wx", mode: 0o644 });
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw new CacheRefused(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/**
 * Size and mtime of evio-lint's own modules: a rebuilt or edited evio-lint never reads old results.
 * `here` is this module's folder: dist/bundle when bundled (tools/bundle.ts), whose files are the
 * code that runs (not its V8 code cache, which a run may rewrite); else dist/src/cache or
 * src/cache, beside `rules`.
 */
export function engineFingerprint(here = path.dirname(fileURLToPath(import.meta.url))): string {
  const [top, subs] = path.basename(here) === "bundle" ? [path.dirname(here), ["bundle"]] : [path.resolve(here, "../.."), ["src", "rules"]];
  const parts: string[] = [];
  for (const sub of subs) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(top, sub), { recursive: true }) as string[];
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (!/\.c?[jt]s$/.test(name)) continue;
      try {
        const st = fs.statSync(path.join(top, sub, name));
        parts.push(`${sub}/${name}:${st.size}:${st.mtimeMs}`);
      } catch {
        parts.push(`${sub}/${name}:-`);
      }
    }
  }
  return sha1(parts.join("\n"));
}

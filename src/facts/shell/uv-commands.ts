import type { Command, Word } from "./command.js";

/** An option of a uv command line and its value word (narrowed to the value for `--opt=X`). */
export interface UvOption {
  /** the flag word (`--package`, or the whole `--package=X` word) */
  readonly flag: Word;
  readonly value: Word;
  /** host range of the option with its value: what removing it removes */
  readonly range: { start: number; end: number };
}

export interface UvInvocation {
  /** the subcommand (`run`, `add`, `sync`, ...); null when absent or dynamic */
  readonly sub: string | null;
  /** the subcommand's word */
  readonly subWord: Word | undefined;
  readonly package?: UvOption;
  /** `--directory DIR` (before or after the subcommand): uv changes into DIR first */
  readonly directory?: UvOption;
  /** `--project DIR`: uv finds the project in DIR, paths stay relative to the cwd */
  readonly project?: UvOption;
  /** `-p X` (`--python`), a frequent slip for `--package` */
  readonly pythonShort?: UvOption;
  /** `--all-packages` */
  readonly allPackages: boolean;
  /** `uv tree --invert`: `--package` then names any package of the lock, not only members */
  readonly invert: boolean;
  /** for `uv run`: index (in the words given) of the command it runs; words.length when none */
  readonly runsFrom: number;
}

/** uv's global options that take a value, allowed before the subcommand (`uv --directory x run`). */
const GLOBAL_ARG = new Set(["--directory", "--project", "--cache-dir", "--config-file", "--color", "--allow-insecure-host", "--python-preference"]);

/** Subcommands whose `--package` names a workspace member (uv 0.9 `--help`). */
export const PACKAGE_SUBCOMMANDS: ReadonlySet<string> = new Set(["run", "add", "remove", "sync", "lock", "tree", "export"]);
/** Project subcommands whose behaviour depends on the directory they run in. */
export const PROJECT_SUBCOMMANDS: ReadonlySet<string> = new Set(["run", "add", "remove", "sync", "lock", "tree", "export", "build", "version"]);
/** Subcommands where `--package M` from the root does what the subcommand does in M's folder. */
export const TAKES_PACKAGE: ReadonlySet<string> = new Set(["run", "add", "remove", "sync", "export", "build", "version"]);
/** Subcommands that act on the whole workspace wherever they run. */
export const WORKSPACE_WIDE: ReadonlySet<string> = new Set(["lock"]);

/**
 * Read a `uv` command line: its subcommand, the options that choose the project
 * (`--package`, `--directory`, `--project`, `-p`), and for `uv run` where the command it runs
 * starts. `words[0]` is `uv`; for `uv run` the wrapped command's words are bounded by `runsFrom`
 * (from the command model, which knows uv run's option table).
 */
export function parseUv(words: readonly Word[], runsFrom?: number): UvInvocation | null {
  if (words.length === 0) return null;
  let package_: UvOption | undefined;
  let directory: UvOption | undefined;
  let project: UvOption | undefined;
  let pythonShort: UvOption | undefined;
  let allPackages = false;
  let invert = false;
  const take = (i: number, names: readonly string[]): { option: UvOption; next: number } | null => {
    const w = words[i]!;
    const v = w.value ?? "";
    for (const n of names) {
      if (v === n) {
        const value = words[i + 1];
        return value ? { option: { flag: w, value, range: { start: w.range.start, end: value.range.end } }, next: i + 2 } : null;
      }
      if (v.startsWith(`${n}=`) && n.startsWith("--")) {
        const plain = w.text.startsWith(`${n}=`);
        const value: Word = {
          ...w,
          value: v.slice(n.length + 1),
          text: plain ? w.text.slice(n.length + 1) : w.text,
          range: plain ? { start: w.range.start + n.length + 1, end: w.range.end } : w.range,
        };
        return { option: { flag: w, value, range: w.range }, next: i + 1 };
      }
    }
    return null;
  };
  const record = (i: number): number | null => {
    const d = take(i, ["--directory"]);
    if (d) {
      directory ??= d.option;
      return d.next;
    }
    const p = take(i, ["--project"]);
    if (p) {
      project ??= p.option;
      return p.next;
    }
    return null;
  };

  let i = 1;
  while (i < words.length && words[i]!.value?.startsWith("-")) {
    const next = record(i);
    if (next !== null) i = next;
    else i += GLOBAL_ARG.has(words[i]!.value!) ? 2 : 1;
  }
  const subWord = words[i];
  const sub = subWord?.value ?? null;
  const end = sub === "run" ? Math.min(runsFrom ?? words.length, words.length) : words.length;
  for (let j = i + 1; j < end; ) {
    const v = words[j]!.value;
    if (v === "--") break;
    if (v === "--all-packages") allPackages = true;
    if (v === "--invert" || v === "--reverse") invert = true;
    const pkg = take(j, ["--package"]);
    if (pkg) {
      package_ ??= pkg.option;
      j = pkg.next;
      continue;
    }
    if (v === "-p" && !pythonShort) {
      const py = take(j, ["-p"]);
      if (py) {
        pythonShort = py.option;
        j = py.next;
        continue;
      }
    }
    j = record(j) ?? j + 1;
  }
  return {
    sub,
    subWord,
    ...(package_ && { package: package_ }),
    ...(directory && { directory }),
    ...(project && { project }),
    ...(pythonShort && { pythonShort }),
    allPackages,
    invert,
    runsFrom: sub === "run" ? end : words.length,
  };
}

/** The uv command line of a `uv ...` command, its `uv run` boundary taken from the command it wraps. */
export function uvInvocation(cmd: Command): UvInvocation | null {
  if (cmd.name !== "uv") return null;
  let uv = PARSED.get(cmd);
  if (uv === undefined) {
    const runsFrom = cmd.inner ? cmd.words.length - cmd.inner.words.length : cmd.words.length;
    PARSED.set(cmd, (uv = parseUv(cmd.words, runsFrom)));
  }
  return uv;
}

/** Several rules read each uv command line; a command is never changed once made, so it is read once. */
const PARSED = new WeakMap<Command, UvInvocation | null>();

/** For a command run by `uv run` (`uv run --package evio python x.py` -> `python x.py`), that uv command line. */
export function enclosingUvRun(cmd: Command): UvInvocation | null {
  for (let k = cmd.wrappers.length - 1; k >= 0; k--) {
    const w = cmd.wrappers[k]!;
    if (w.kind === "uv-run" && w.name === "uv") return parseUv(w.words, w.words.length);
    if (w.kind !== "prefix") return null;
  }
  return null;
}

/**
 * `-p X` is `--python X`: X is a Python request when it is a version (`3.12`, `>=3.11`, `3.13t`),
 * an implementation (`cpython3.12`, `pypy`, `cp312`), `python3.x`, a path, or a managed key.
 */
export function isPythonRequest(value: string): boolean {
  if (/[\\/]/.test(value) || /^(any|default|system)$/i.test(value)) return true;
  if (/^[<>=!~^]*\s*\d/.test(value)) return true;
  return /^(cpython|pypy|graalpy|pyodide|python|cp|pp|gp)(\d[\w.+*-]*|[-@].*)?$/i.test(value);
}

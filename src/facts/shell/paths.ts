import path from "node:path";
import { shellWordLike } from "../../text/quote.js";
import type { Range } from "../../text/range.js";
import type { Command, Cwd, Word } from "./command.js";
import { isPythonName } from "./python-tools.js";

/** Extensions that make a word a file even without a `/` (`x.py`, `fan.dat`). */
const FILE_EXTENSION = /\.(py|pyw|ipynb|sh|bash|zsh|dat|raw|aedat|aedat4|h5|hdf5|npy|npz|csv|tsv|json|jsonl|toml|yaml|yml|txt|cfg|ini|env|parquet|feather|arrow|pkl|pt|pth|onnx|png|jpe?g|mp4|avi|zip|tar|gz|md)$/i;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/|^git\+|^[\w.-]+@[\w.-]+:/i;

/** A relative or absolute file path as a shell argument: `scripts/x.py`, `./run.sh`, `.`, `data/fan.dat`. */
export function isPathValue(value: string): boolean {
  if (value === "" || value.startsWith("-") || URL_LIKE.test(value) || /[<>=!~*?$`|;&(){}\s]/.test(value)) return false;
  if (value === "." || value === ".." || value.includes("/")) return true;
  return FILE_EXTENSION.test(value);
}

/** A word whose static value is path-like; placeholders and host substitutions never are. */
export function isPathWord(word: Word): boolean {
  return !word.placeholder && !word.opaque && word.value !== null && isPathValue(word.value);
}

/**
 * `rel` seen from `dir` (posix, relative to the root) as a path relative to the root; null when
 * it leaves the root or is absolute or home-relative (those do not move with a `cd`).
 */
export function fromDir(dir: string, rel: string): string | null {
  if (rel.startsWith("/") || rel.startsWith("~")) return null;
  const joined = path.posix.normalize(path.posix.join(dir, rel)).replace(/\/$/, "");
  if (joined === ".." || joined.startsWith("../")) return null;
  return joined === "" ? "." : joined;
}

/** The same place written relative to `dir` instead (`evio/scripts/x.py` from `.` stays itself). */
export function relativeTo(dir: string, target: string): string {
  const rel = path.posix.relative(dir, target);
  return rel === "" ? "." : rel;
}

/** Keep a `./` the user wrote when the rewritten path still lies below. */
export function keepStyle(original: string, rewritten: string): string {
  const trailing = original.endsWith("/") && !rewritten.endsWith("/") ? "/" : "";
  const lead = original.startsWith("./") && !rewritten.startsWith(".") ? "./" : "";
  return lead + rewritten + trailing;
}

/** A path argument written for another directory, rewritten for the root. */
export interface Rebased {
  readonly range: Range;
  readonly text: string;
}

/**
 * Rewrite every path argument among `args` (written for a command running in `dir`) relative to
 * the root: `scripts/x.py` from `evio` -> `evio/scripts/x.py`, `--out=a.csv` -> `--out=evio/a.csv`,
 * `.` -> `evio`. `certain` is false when one is not sure: the rebased path does not exist, or a
 * word may expand to a path (`"$@"`, `<file>`). A plain word is a path when it exists in `dir`
 * (`pytest tests`); otherwise it is plainly no path. Absolute and home paths stay.
 */
export function rebaseArguments(args: readonly Word[], dir: string, exists: (p: string) => boolean): { edits: Rebased[]; certain: boolean } {
  const edits: Rebased[] = [];
  let certain = true;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (w.opaque) continue;
    if (v === null || w.placeholder) {
      certain = false;
      continue;
    }
    if (v === "-m") i++; // a module name, even where a folder of that name exists
    const eq = v.startsWith("--") ? v.indexOf("=") : -1;
    const rel = eq === -1 ? v : v.slice(eq + 1);
    const pathLike = isPathValue(rel) || (eq === -1 && !rel.startsWith("-") && exists(`${dir}/${rel}`));
    if (!pathLike || rel.startsWith("/") || rel.startsWith("~")) continue;
    const moved = path.posix.normalize(path.posix.join(dir, rel)).replace(/\/$/, "") || ".";
    const text = respell(w, eq === -1 ? keepStyle(rel, moved) : v.slice(0, eq + 1) + keepStyle(rel, moved));
    if (text === null) {
      certain = false; // spelled with escapes or partial quotes: no plain edit keeps it
      continue;
    }
    if (!exists(moved)) certain = false;
    edits.push({ range: w.range, text });
  }
  return { edits, certain };
}

/** A word's new text for a new value, keeping its quotes; null when it is spelled in a way a plain edit cannot keep. */
export function respell(word: Word, value: string): string | null {
  if (word.text === word.value) return shellWordLike("", value);
  const q = word.text[0];
  return (q === '"' || q === "'") && word.text === `${q}${word.value}${q}` ? shellWordLike(q, value) : null;
}

/** The directory a command runs in, relative to the root, when known. */
export function knownDir(cwd: Cwd): string | null {
  return cwd.kind === "known" ? cwd.path : null;
}

export interface ScriptSlot {
  /** index in cmd.words */
  readonly index: number;
  readonly word: Word;
  /** how the file is run: by python, by a shell, or executed itself (`./x.sh`, `uv run x.py`) */
  readonly by: "python" | "shell" | "exec";
}

/** python options that take the next word as their argument (python --help). */
const PYTHON_ARG = (v: string): boolean => v === "-W" || v === "-X" || v === "--check-hash-based-pycs";
const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh"]);
/** `-o pipefail`, `-euo pipefail`, `--rcfile f` */
const SHELL_ARG = (v: string): boolean => /^[-+][a-zA-Z]*[oO]$/.test(v) || v === "--rcfile" || v === "--init-file";

/**
 * The word naming the script a command runs (contract: "only the script slot"): the file given to
 * python, to `bash`/`sh`, or the command word itself when it is a path (`./x.sh`, `uv run x.py`).
 * Data arguments after it are not the slot. Null for `python -c`, `python -m`, `bash -c`, REPLs.
 */
export function scriptSlot(cmd: Command): ScriptSlot | null {
  const first = cmd.words[0];
  if (!first) return null;
  const name = cmd.name;
  if (isPythonName(name)) return firstOperand(cmd, "python", PYTHON_ARG, /^-[bBdEiIOPqRsSuvx]*[cm]/);
  if (name !== null && SHELLS.has(name)) return firstOperand(cmd, "shell", SHELL_ARG, /^-[a-zA-Z]*[cs]/);
  if (isExecutedPath(first, cmd)) return { index: 0, word: first, by: "exec" };
  return null;
}

function firstOperand(cmd: Command, by: ScriptSlot["by"], takesArg: (option: string) => boolean, noScript: RegExp): ScriptSlot | null {
  for (let i = 1; i < cmd.words.length; i++) {
    const w = cmd.words[i]!;
    const v = w.value;
    if (v === null) return w.opaque ? { index: i, word: w, by } : null;
    if (v === "--") continue;
    if (v === "-") return null; // reads the program from stdin
    if (v.startsWith("-") || (by === "shell" && v.startsWith("+"))) {
      if (noScript.test(v)) return null;
      if (takesArg(v)) i++;
      continue;
    }
    return { index: i, word: w, by };
  }
  return null;
}

/** `./x.sh`, `scripts/run.sh`, `${./x.sh}`, or a `.py` file that `uv run` runs as a script. */
function isExecutedPath(word: Word, cmd: Command): boolean {
  if (word.placeholder) return false;
  if (word.opaque) return nixPathLiteral(word) !== null;
  const v = word.value;
  if (v === null || v.startsWith("/") || v.startsWith("~") || /(^|\/)(\.venv|node_modules)\//.test(v)) return false;
  if (v.endsWith(".py") && cmd.isWrappedBy("uv-run")) return true;
  return v.includes("/") && /\.(sh|bash|py)$/.test(v);
}

/**
 * A Nix path literal interpolated into a shell string (`${./scripts/x.py}`, `"${../run.sh}"`,
 * `${./scripts}/x.py`): the path as written, relative to the .nix file. Null for other words.
 */
export function nixPathLiteral(word: Word): string | null {
  const text = word.text.replace(/^(["'])(.*)\1$/s, "$2");
  const m = /^\$\{\s*(\.{1,2}\/[A-Za-z0-9._+\-/]*)\s*\}([A-Za-z0-9._+\-/]*)$/.exec(text);
  return m ? m[1]! + m[2]! : null;
}

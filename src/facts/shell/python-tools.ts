import type { Command } from "./command.js";
import type { Range } from "../../text/range.js";
import { EASY_INSTALL, isPythonToolName, PIP, PYTHON } from "./command-words.js";

export { FOREIGN_PACKAGE_MANAGERS } from "./command-words.js";

export interface PipInvocation {
  /** `pip`, `pip3.11`, `python3 -m pip`, `easy_install` as written */
  readonly spelled: string;
  /** the pip subcommand (`install`, `list`, ...); null when absent or dynamic */
  readonly sub: string | null;
  /** index in cmd.words of the first word after the subcommand */
  readonly argsFrom: number;
  /** host range of the words that name pip and its subcommand (`python -m pip install`) */
  readonly head: Range;
}

export function isPythonName(name: string | null): boolean {
  return name !== null && PYTHON.test(name);
}

/** `pip ...`, `pip3.11 ...`, `python3 -m pip ...`, `easy_install ...`; null otherwise. */
export function pipInvocation(cmd: Command): PipInvocation | null {
  const name = cmd.name;
  if (name === null) return null;
  let subIndex: number;
  if (PIP.test(name)) subIndex = 1;
  else if (EASY_INSTALL.test(name)) subIndex = 0;
  else if (PYTHON.test(name)) {
    const m = moduleIndex(cmd);
    if (m === null || cmd.words[m]?.value !== "pip") return null;
    subIndex = m + 1;
  } else return null;
  // Global pip options may come before the subcommand (`pip -q install x`, `pip --isolated install`).
  while (subIndex > 0 && cmd.words[subIndex]?.value?.startsWith("-")) subIndex++;
  const subWord = subIndex > 0 ? cmd.words[subIndex] : undefined;
  const last = subWord ?? cmd.words[Math.max(0, subIndex - 1)]!;
  return {
    spelled: cmd.words
      .slice(0, subIndex > 0 ? subIndex : 1)
      .map((w) => w.text)
      .filter((t) => !t.startsWith("-") || t === "-m")
      .join(" "),
    sub: subIndex > 0 ? (subWord?.value ?? null) : "install",
    argsFrom: subWord ? subIndex + 1 : subIndex,
    head: { start: cmd.words[0]!.range.start, end: last.range.end },
  };
}

/** Index of the module name after `-m` in a python command line (`python -m pip`, `python -mpip`). */
function moduleIndex(cmd: Command): number | null {
  for (let i = 1; i < cmd.words.length; i++) {
    const v = cmd.words[i]!.value;
    if (v === null) return null;
    if (v === "-m") return i + 1;
    if (!v.startsWith("-")) return null; // a script path: python runs it, not a module
  }
  return null;
}

/** Variables that send pip installs to the user site, outside any uv environment. */
export const USER_SITE_VARIABLES: ReadonlySet<string> = new Set(["PIP_USER", "PYTHONUSERBASE"]);

/** `uv pip SUB ...`: the subcommand, and the index of the word after it. */
export function uvPipInvocation(cmd: Command): { sub: string | null; argsFrom: number; head: Range } | null {
  if (cmd.name !== "uv") return null;
  let i = 1;
  // uv's global options may come first (`uv -q pip install`)
  while (cmd.words[i]?.value?.startsWith("-")) i++;
  if (cmd.words[i]?.value !== "pip") return null;
  const sub = cmd.words[i + 1];
  return {
    sub: sub?.value ?? null,
    argsFrom: i + 2,
    head: { start: cmd.words[0]!.range.start, end: (sub ?? cmd.words[i]!).range.end },
  };
}

/** Python interpreters and the Python tools that must run through `uv run`. */
export function isPythonTool(name: string | null): boolean {
  return name !== null && isPythonToolName(name);
}

/** `python --version`, `python -V`, `python -VV`: asks which interpreter, runs no code. */
export function isInterpreterProbe(cmd: Command): boolean {
  const a = cmd.arg(0);
  return cmd.args.length === 1 && (a === "--version" || a === "-V" || a === "-VV");
}

/** The module a python command runs with `-m` (`python -m venv .venv` -> "venv"), if any. */
export function pythonModule(cmd: Command): string | null {
  if (!isPythonName(cmd.name)) return null;
  for (let i = 1; i < cmd.words.length; i++) {
    const v = cmd.words[i]!.value;
    if (v === null) return null;
    if (v === "-m") return cmd.words[i + 1]?.value ?? null;
    if (v.startsWith("-m") && v.length > 2) return v.slice(2);
    if (!v.startsWith("-")) return null;
  }
  return null;
}

/** Runs under uv: `uv run ...`, `uvx ...`, `uv tool run ...`. */
export function runsUnderUv(cmd: Command): boolean {
  return cmd.wrappers.some((w) => w.kind === "uv-run" || w.kind === "uvx");
}

/**
 * Where a rewrite of the command should start: before wrappers that only change how it runs
 * (`sudo -H`, `env A=1`, `time`, `nohup`) and that the uv command does not need; never before
 * `xargs`, `nix develop --command` or `bash -c`, which feed or host it.
 */
export function rewriteStart(cmd: Command): number {
  let start = cmd.range.start;
  for (let i = cmd.wrappers.length - 1; i >= 0; i--) {
    const w = cmd.wrappers[i]!;
    if (w.kind !== "prefix" || !DROPPABLE_WRAPPERS.has(w.name)) break;
    start = w.range.start;
  }
  return start;
}

const DROPPABLE_WRAPPERS = new Set(["sudo", "doas", "env", "time", "nohup", "nice", "command", "exec"]);

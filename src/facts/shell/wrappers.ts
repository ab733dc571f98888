import type { Word } from "./command.js";
import { PREFIX_WRAPPERS, SHELLS } from "./command-words.js";
import { baseName } from "./words.js";

/** What a wrapper command does with the words after it. */
export type Unwrap =
  | { kind: "prefix"; name: string; consumed: number; assignments: number[]; chdir?: Word }
  | { kind: "shell-string"; name: string; consumed: number; script: Word }
  | { kind: "uv-run" | "uvx"; name: string; consumed: number; chdir?: Word };

/** Options (per wrapper) that take the next word as their argument. */
const TAKES_ARG: Record<string, ReadonlySet<string>> = {
  sudo: new Set(["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group", "--chdir", "--prompt"]),
  env: new Set(["-u", "--unset", "-C", "--chdir", "-S", "--split-string"]),
  exec: new Set(["-a"]),
  nice: new Set(["-n", "--adjustment"]),
  timeout: new Set(["-s", "--signal", "-k", "--kill-after"]),
  xargs: new Set(["-I", "-n", "-P", "-L", "-l", "-s", "-d", "-a", "-E", "-e", "--max-args", "--max-procs", "--delimiter", "--arg-file", "--replace"]),
  stdbuf: new Set(["-i", "-o", "-e"]),
};


/** `uv run` options that take a value (uv 0.9 `uv run --help`). */
const UV_RUN_ARG = new Set([
  "--package", "-p", "--python", "--with", "--with-editable", "--with-requirements", "--extra", "--no-extra",
  "--group", "--no-group", "--only-group", "--directory", "--project", "--env-file", "--index", "--default-index",
  "--index-url", "-i", "--extra-index-url", "--find-links", "-f", "--upgrade-package", "-P", "--reinstall-package",
  "--config-file", "--cache-dir", "--color", "--exclude-newer", "--index-strategy", "--keyring-provider",
  "--resolution", "--prerelease", "--link-mode", "--python-preference", "--no-binary-package",
  "--no-build-package", "--refresh-package", "--config-setting", "-C", "--allow-insecure-host", "--python-platform",
]);
/** `uvx` / `uv tool run` options that take a value. */
const UVX_ARG = new Set(["--from", "--with", "--with-editable", "--with-requirements", "-p", "--python", "--index", "--default-index", "--index-url", "--extra-index-url", "--directory", "--project", "--cache-dir", "--config-file", "--constraints", "--overrides", "--env-file", "--color"]);

function value(w: Word | undefined): string | null {
  return w?.value ?? null;
}

/** Index of the first word after the options of a wrapper; words[0] is the wrapper itself. */
function skipOptions(words: readonly Word[], takesArg: ReadonlySet<string>, start = 1): number {
  let i = start;
  while (i < words.length) {
    const v = value(words[i]);
    if (v === null || !v.startsWith("-") || v === "-") break;
    i++;
    if (v === "--") break;
    if (takesArg.has(v)) i++;
  }
  return i;
}

export function unwrap(words: readonly Word[]): Unwrap | null {
  const name = baseName(words[0]);
  if (name === null) return null;
  if (PREFIX_WRAPPERS.has(name)) return prefix(name, words);
  if (SHELLS.has(name)) return shellString(name, words);
  // `eval 'pip install x'` runs its argument as shell text; several arguments are joined first.
  if (name === "eval") return words.length === 2 ? { kind: "shell-string", name, consumed: 2, script: words[1]! } : null;
  if (name === "su") return suString(words);
  if (name === "nix" || name === "nix-shell") return nixWrapper(name, words);
  if (name === "uv" && value(words[1]) === "run") return uvRun(words, 2, "uv-run", UV_RUN_ARG);
  if (name === "uv" && value(words[1]) === "tool" && value(words[2]) === "run") return uvRun(words, 3, "uvx", UVX_ARG);
  if (name === "uvx") return uvRun(words, 1, "uvx", UVX_ARG);
  return null;
}

function prefix(name: string, words: readonly Word[]): Unwrap | null {
  // `command -v x` and `command -V x` ask about x; they do not run it.
  if ((name === "command" || name === "builtin") && words.slice(1).some((w) => w.value === "-v" || w.value === "-V")) return null;
  let i = skipOptions(words, TAKES_ARG[name] ?? new Set());
  const assignments: number[] = [];
  let chdir: Word | undefined;
  // `env A=1 cmd` and `sudo A=1 cmd` set A for cmd (sudo(8): "VAR=value" before the command).
  if (name === "env" || name === "sudo" || name === "doas") {
    for (let j = 1; j < i; j++) {
      const v = value(words[j]);
      if ((v === "-C" || v === "--chdir" || (name !== "env" && v === "-D")) && words[j + 1]) chdir = words[j + 1];
    }
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value(words[i]) ?? "")) assignments.push(i++);
  }
  if (name === "timeout" && i < words.length) i++; // the duration
  if (i >= words.length) return null;
  return { kind: "prefix", name, consumed: i, assignments, ...(chdir ? { chdir } : {}) };
}

function shellString(name: string, words: readonly Word[]): Unwrap | null {
  for (let i = 1; i < words.length; i++) {
    const v = value(words[i]);
    if (v === null || !/^[-+]/.test(v)) return null; // `bash script.sh` runs a file, not a string
    if (/^[-+][a-zA-Z]*[oO]$/.test(v) || v === "--rcfile" || v === "--init-file") {
      i++; // `-o pipefail`, `-euo pipefail`
      continue;
    }
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(v)) {
      const script = words[i + 1];
      return script ? { kind: "shell-string", name, consumed: i + 2, script } : null;
    }
  }
  return null;
}

/** `su -c 'cmd' [user]`, `su - bob -c 'cmd'`, `su --command=...` is left alone. */
function suString(words: readonly Word[]): Unwrap | null {
  for (let i = 1; i < words.length - 1; i++) {
    const v = value(words[i]);
    if (v === "-c" || v === "--command") return { kind: "shell-string", name: "su", consumed: i + 2, script: words[i + 1]! };
  }
  return null;
}

function nixWrapper(name: string, words: readonly Word[]): Unwrap | null {
  for (let i = 1; i < words.length; i++) {
    const v = value(words[i]);
    if (name === "nix-shell" && (v === "--run" || v === "--command")) {
      const script = words[i + 1];
      return script ? { kind: "shell-string", name, consumed: i + 2, script } : null;
    }
    if (name === "nix" && (v === "--command" || v === "-c")) {
      const sub = value(words[1]);
      if (sub !== "develop" && sub !== "shell") return null;
      return i + 1 < words.length ? { kind: "prefix", name, consumed: i + 1, assignments: [] } : null;
    }
  }
  return null;
}

function uvRun(words: readonly Word[], start: number, kind: "uv-run" | "uvx", takesArg: ReadonlySet<string>): Unwrap | null {
  let chdir: Word | undefined;
  let i = start;
  while (i < words.length) {
    const v = value(words[i]);
    if (v === null || !v.startsWith("-")) break;
    if (v === "--") {
      i++;
      break;
    }
    if (v === "--directory" && words[i + 1]) chdir = words[i + 1];
    // `uv run -m mod` / `--module`: the module is what runs; leave it to the rules.
    if (v === "-m" || v === "--module") break;
    i += takesArg.has(v) ? 2 : 1;
  }
  if (i >= words.length) return null;
  const name = kind === "uvx" ? "uvx" : "uv";
  return { kind, name, consumed: i, ...(chdir ? { chdir } : {}) };
}

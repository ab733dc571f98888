import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

// Issue 11.9: inputs that used to take minutes, each timed as one real CLI run at three sizes so
// the growth shows. The wall time includes node's start-up (see `CLI --version wall` above).

const BIN = fileURLToPath(new URL("../../bin/evio-lint.js", import.meta.url));
/** The issue's bar for the largest size of each case. */
const LIMIT_SECONDS = 2;

interface Case {
  readonly name: string;
  readonly sizes: readonly number[];
  readonly unit: string;
  /** the file to lint, relative to the repo */
  readonly file: string;
  readonly text: (size: number) => string;
  readonly args: readonly string[];
}

const PYPROJECT = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';

const CASES: readonly Case[] = [
  {
    name: "Nix application `f a a a ...` in a dev shell",
    sizes: [2_500, 5_000, 10_000],
    unit: "arguments",
    file: "shell.nix",
    text: (n) => `{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.uv (f ${Array.from({ length: n }, () => "a").join(" ")}) ];\n  shellHook = ''\n    pip install x\n  '';\n}\n`,
    args: [],
  },
  {
    name: "unclosed `${` in a shell script",
    sizes: [40, 80, 160],
    unit: "KB",
    file: "brace.sh",
    text: (kb) => "#!/bin/bash\n" + "${".repeat((kb * 1024) / 2) + "\n",
    args: [],
  },
  {
    name: "fixable lines (`pip install` -> `uv add`), --fix",
    sizes: [1_000, 2_000, 4_000],
    unit: "lines",
    file: "setup.sh",
    text: (n) => "#!/bin/bash\n" + Array.from({ length: n }, (_, i) => `pip install p${i}\n`).join(""),
    args: ["--fix"],
  },
];

function timeCase(c: Case, size: number): { seconds: number; exit: number | null } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-bench-patho-"));
  try {
    fs.writeFileSync(path.join(dir, "pyproject.toml"), PYPROJECT);
    fs.writeFileSync(path.join(dir, c.file), c.text(size));
    execFileSync("git", ["-c", "init.defaultBranch=main", "init", "-q"], { cwd: dir });
    execFileSync("git", ["add", "-A"], { cwd: dir });
    const start = performance.now();
    const r = spawnSync(process.execPath, [BIN, "--format", "json", ...c.args, c.file], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
    const seconds = (performance.now() - start) / 1000;
    if (r.status !== 0 && r.status !== 1) process.stderr.write(`bench: CLI exited ${r.status} on ${c.name} (${size} ${c.unit}):\n${r.stderr}\n`);
    return { seconds, exit: r.status };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One row per case and size, under `header`; the last size of each case says whether it met the bar. */
export function pathologicalRows(): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  for (const c of CASES) {
    for (const size of c.sizes) {
      const { seconds, exit } = timeCase(c, size);
      const largest = size === c.sizes[c.sizes.length - 1];
      rows.push([`${c.name} (${size.toLocaleString("en-US")} ${c.unit})`, seconds.toFixed(3), String(exit), largest ? (seconds < LIMIT_SECONDS ? "yes" : "NO") : ""]);
    }
  }
  return { header: ["pathological case (size)", "CLI wall s", "exit", `< ${LIMIT_SECONDS} s`], rows };
}

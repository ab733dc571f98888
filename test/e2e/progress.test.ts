import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binary, makeRepo, PACKAGE_ROOT, type JsonReport } from "../harness/repo.js";

// Issue 13 item 4 (and 10.7): progress on stderr when stderr is a terminal, never on stdout,
// silent with --quiet or when stderr is no terminal. util-linux `script` gives the run a real
// pseudo-terminal; EVIO_LINT_PROGRESS_AFTER_MS=0 shows it from the start, so what the test
// asserts does not depend on how fast the machine is.
const FILES: Record<string, string> = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["evio"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\n',
};
for (let i = 0; i < 30; i++) FILES[`scripts/s${i}.sh`] = "uv run --package evio pytest evio/tests\n";
const BIN = path.join(PACKAGE_ROOT, "bin/evio-lint.js");
const NOW = { EVIO_LINT_PROGRESS_AFTER_MS: "0", NO_COLOR: "1" };
const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** Run the CLI with stderr on a pseudo-terminal and stdout in a file: what the terminal got, and stdout. */
function onTerminal(dir: string, args: readonly string[]): { terminal: string; stdout: string } {
  // stdout's file lies outside the repository, or the run would lint it too
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "evio-progress-"));
  try {
    const command = `${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(" ")} > ${quote(path.join(out, "stdout.txt"))}`;
    const r = spawnSync("script", ["-qfec", command, "/dev/null"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...NOW } });
    expect(r.error).toBeUndefined();
    return { terminal: r.stdout, stdout: fs.readFileSync(path.join(out, "stdout.txt"), "utf8") };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

describe("progress on stderr", () => {
  it("counts files on a terminal, overwritten in place and wiped at the end; stdout gets only the report", () => {
    const dir = makeRepo(FILES);
    const { terminal, stdout } = onTerminal(dir, ["--format", "json"]);
    const report = JSON.parse(stdout) as JsonReport;
    const total = report.summary.files;
    expect(total).toBe(32);
    expect(terminal).toMatch(new RegExp(`^\\revio-lint: \\d+/${total} files`));
    expect(terminal).toContain(`\revio-lint: ${total}/${total} files`);
    expect(terminal).not.toContain("\n"); // one line, rewritten with \r only
    expect(terminal).toMatch(/\r {10,}\r$/); // wiped: the terminal is left as it was
    expect(stdout).not.toContain("evio-lint:");
  });

  it("adds up the files the worker threads lint (--jobs 2)", () => {
    const dir = makeRepo(FILES);
    const { terminal, stdout } = onTerminal(dir, ["--jobs", "2", "--format", "json"]);
    expect((JSON.parse(stdout) as JsonReport).summary.files).toBe(32);
    expect(terminal).toContain("\revio-lint: 32/32 files");
    expect(terminal).toMatch(/\r {10,}\r$/);
  });

  it("is silent with --quiet", () => {
    const dir = makeRepo(FILES);
    const { terminal } = onTerminal(dir, ["--quiet", "--format", "json"]);
    expect(terminal).toBe("");
  });

  it("is silent when stderr is no terminal", () => {
    const dir = makeRepo(FILES);
    const r = binary(dir, ["--format", "json"], NOW);
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as JsonReport).summary.files).toBe(32);
  });
});

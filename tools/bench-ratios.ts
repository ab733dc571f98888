import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { longScript, writeRealShapedRepo, writeSynthRepo } from "./synth-repo.js";

// Issue 12's "Must show": each figure is a ratio of commands timed side by side in one run
// (interleaved, median of N), printed with its goal and PASS or MISS. Never an assertion.

export const BIN = fileURLToPath(new URL("../../bin/evio-lint.js", import.meta.url));

// Preloaded into the CLI child: its own peak RSS, reported on stderr as it exits.
const RSS_MARK = "evio-lint-bench-maxrss=";
const RSS_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\n${RSS_MARK}"+process.resourceUsage().maxRSS+"\\n"))`;

export interface CliRun {
  seconds: number;
  exit: number | null;
  peakRssMb: number;
  stderr: string;
}

/** One run of the CLI (or any command when `command` is given) in `cwd`; with `withRss`, its peak RSS too. */
export function timeCli(args: readonly string[], cwd?: string, command?: string, withRss = false): CliRun {
  const start = performance.now();
  // The RSS hook is an ES module: it starts Node's ES module loader and a stderr stream (7 ms
  // here, 15% of `node -e 0`), so only runs that report memory carry it, never a timed ratio.
  const hook = withRss ? ["--import", RSS_HOOK] : [];
  const r = command
    ? spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, [...hook, BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  const stderr = r.stderr ?? String(r.error ?? "");
  const at = stderr.lastIndexOf(RSS_MARK);
  const peakRssMb = at === -1 ? NaN : Number.parseInt(stderr.slice(at + RSS_MARK.length), 10) / 1024;
  return { seconds, exit: r.status, peakRssMb, stderr: at === -1 ? stderr : stderr.slice(0, at).trimEnd() };
}

export function gitInit(dir: string, commit = false): void {
  const git = (...args: string[]): void => void execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("-c", "init.defaultBranch=main", "init", "-q");
  git("add", "-A");
  if (commit) git("-c", "user.email=bench@example.com", "-c", "user.name=bench", "commit", "-q", "-m", "bench");
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

interface Measure {
  name: string;
  run: () => CliRun;
}

/** Each measure `runs` times, interleaved so that all see the same machine load; medians. */
function interleaved(measures: readonly Measure[], runs: number): Map<string, CliRun[]> {
  const out = new Map<string, CliRun[]>(measures.map((m) => [m.name, []]));
  for (let i = 0; i < runs; i++) for (const m of measures) out.get(m.name)!.push(m.run());
  return out;
}

const hasShellcheck = (): boolean => spawnSync("shellcheck", ["--version"], { stdio: "ignore" }).status === 0;

export interface RatioRow {
  readonly measure: string;
  readonly seconds: string;
  readonly ratio: string;
  readonly goal: string;
  readonly verdict: "PASS" | "MISS" | "n/a";
}

const row = (measure: string, seconds: number, ratio: number, goal: number, unit = "x"): RatioRow => ({
  measure,
  seconds: seconds.toFixed(3),
  ratio: `${ratio.toFixed(2)}${unit}`,
  goal: `<= ${goal}${unit}`,
  verdict: ratio <= goal ? "PASS" : "MISS",
});

function checkExit(name: string, runs: readonly CliRun[]): void {
  for (const r of runs) if (r.exit !== 0 && r.exit !== 1) process.stderr.write(`bench: ${name} exited ${r.exit}:\n${r.stderr}\n`);
}

/** The 160-file repository: cold lint, warm cache, 3 scripts, --staged, --version against node and shellcheck. */
export function realShapedRows(runs: number): { files: number; bytes: number; rows: RatioRow[]; nodeSeconds: number } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-bench-real-")));
  try {
    const { files, bytes } = writeRealShapedRepo(dir);
    gitInit(dir, true);
    // Five staged edits, as a commit would have them.
    const staged = ["README.md", "docs/workflow.md", "scripts/dev.sh", "flake.nix", "packages/evio-core/pyproject.toml"];
    for (const f of staged) fs.appendFileSync(path.join(dir, f), f.endsWith(".md") || f.endsWith(".sh") || f.endsWith(".toml") ? "\n# edited\n" : "\n");
    execFileSync("git", ["add", "--", ...staged], { cwd: dir });
    const scripts = ["scripts/dev.sh", "scripts/test.sh", "scripts/release.sh"];
    timeCli(["--cache", "--format", "json"], dir); // prime the cache
    const measures: Measure[] = [
      { name: "node", run: () => timeCli(["-e", "0"], dir, process.execPath) },
      { name: "version", run: () => timeCli(["--version"], dir) },
      { name: "cold", run: () => timeCli(["--format", "json"], dir) },
      { name: "warm", run: () => timeCli(["--cache", "--format", "json"], dir) },
      { name: "scripts", run: () => timeCli(["--format", "json", ...scripts], dir) },
      { name: "staged", run: () => timeCli(["--staged", "--format", "json"], dir) },
      ...(hasShellcheck() ? [{ name: "shellcheck", run: () => timeCli(scripts, dir, "shellcheck") }] : []),
    ];
    const times = interleaved(measures, runs);
    for (const [name, rs] of times) if (name !== "node" && name !== "shellcheck") checkExit(name, rs);
    const t = (name: string): number => median(times.get(name)!.map((r) => r.seconds));
    const node = t("node");
    const rows = [
      row("`node -e 0`", node, 1, 1),
      row(`cold full lint (${files} files) / node`, t("cold"), t("cold") / node, 6),
      row("warm --cache / node", t("warm"), t("warm") / node, 2.5),
      row("--staged, 5 files / node", t("staged"), t("staged") / node, 4),
      row("--version / node", t("version"), t("version") / node, 1.5),
    ];
    if (times.has("shellcheck")) {
      rows.push(row("3 scripts / shellcheck on them", t("scripts"), t("scripts") / t("shellcheck"), 1.5));
      // What bounds that goal from below: Node's own start against shellcheck's whole run.
      rows.push({ measure: "  (`node -e 0` / shellcheck)", seconds: node.toFixed(3), ratio: `${(node / t("shellcheck")).toFixed(2)}x`, goal: "-", verdict: "n/a" });
      rows.push(longScriptsRow(dir, runs));
    }
    else rows.push({ measure: "3 scripts / shellcheck", seconds: t("scripts").toFixed(3), ratio: "-", goal: "<= 1.5x", verdict: "n/a" });
    return { files, bytes, rows, nodeSeconds: node };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same comparison on three release scripts of the size real repositories keep (about 100
 * lines each; the repository's own are 15), written after the other measures so that they
 * change nothing of theirs. Shown beside the goal, not for it: the goal's scripts are the bench
 * repository's.
 */
function longScriptsRow(dir: string, runs: number): RatioRow {
  const script = longScript(3);
  const scripts = ["a", "b", "c"].map((name) => `scripts/long-${name}.sh`);
  for (const file of scripts) fs.writeFileSync(path.join(dir, file), script, { mode: 0o755 });
  const times = interleaved(
    [
      { name: "evio", run: () => timeCli(["--format", "json", ...scripts], dir) },
      { name: "shellcheck", run: () => timeCli(scripts, dir, "shellcheck") },
    ],
    runs,
  );
  const t = (name: string): number => median(times.get(name)!.map((r) => r.seconds));
  const lines = script.split("\n").length - 1;
  return { measure: `  (3 scripts of ${lines} lines / shellcheck)`, seconds: t("evio").toFixed(3), ratio: `${(t("evio") / t("shellcheck")).toFixed(2)}x`, goal: "-", verdict: "n/a" };
}

export interface ScaleResult {
  members: number;
  files: number;
  seconds: number;
  peakRssMb: number;
}

/** The CLI with default options on synthetic workspaces of these sizes (one run each: minutes at 10,000). */
export function scaleRuns(sizes: readonly number[]): ScaleResult[] {
  const out: ScaleResult[] = [];
  for (const members of sizes) {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `evio-lint-bench-scale-${members}-`)));
    try {
      const { files } = writeSynthRepo(dir, { members });
      gitInit(dir);
      const r = timeCli(["--format", "json"], dir, undefined, true);
      checkExit(`${members} members`, [r]);
      out.push({ members, files, seconds: r.seconds, peakRssMb: r.peakRssMb });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

/** Time ratio per 10x members (goal <= 11x) and peak RSS (<= 300 MB at 1,000, <= 1.5 GB at 10,000). */
export function scaleRows(results: readonly ScaleResult[]): RatioRow[] {
  const rows: RatioRow[] = [];
  for (const r of results) {
    const goal = r.members === 1000 ? 300 : r.members === 10000 ? 1536 : undefined;
    rows.push({
      measure: `${r.members.toLocaleString("en")} members (${r.files} files): wall, peak RSS`,
      seconds: r.seconds.toFixed(2),
      ratio: `${r.peakRssMb.toFixed(0)} MB`,
      goal: goal ? `<= ${goal} MB` : "-",
      verdict: goal === undefined ? "n/a" : r.peakRssMb <= goal ? "PASS" : "MISS",
    });
  }
  for (const big of results) {
    const small = results.find((r) => r.members * 10 === big.members);
    if (small) rows.push(row(`time ${big.members.toLocaleString("en")} / ${small.members.toLocaleString("en")} members`, big.seconds, big.seconds / small.seconds, 11));
  }
  return rows;
}

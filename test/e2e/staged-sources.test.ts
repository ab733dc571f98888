import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binary, git, lintJson, makeRepo, positionOf, where } from "../harness/repo.js";

// Under --staged every file a run reads besides the linted ones (members, .python-version, the
// folders a members glob matches, imported Nix files) comes from git's index, as the linted files
// do: a commit is judged as it will be recorded. Each repo below stages one version of such a
// file and leaves another in the working tree.

const ROOT = '[project]\nname = "root"\nversion = "0.1.0"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n';
const member = (requires: string) => `[project]\nname = "a"\nversion = "0.1.0"\nrequires-python = "${requires}"\n`;
const FLAKE = "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python312 pkgs.uv ]; }\n";
const PYTHON = positionOf(FLAKE, "pkgs.python312");
/** Findings of one rule (the repos are small, not clean). */
const of = (rule: string, found: string[]) => found.filter((f) => f.endsWith(` ${rule}`));

describe("--staged reads cross-file inputs from the index", () => {
  it("a member's pyproject.toml: the staged requires-python, not the working copy's", async () => {
    const dir = makeRepo({ "pyproject.toml": ROOT, "packages/a/pyproject.toml": member(">=3.13"), "shell.nix": FLAKE });
    fs.writeFileSync(path.join(dir, "packages/a/pyproject.toml"), member(">=3.12")); // fixed, not staged

    const staged = await lintJson(dir, ["--staged", "shell.nix"]);
    expect(where(staged.report)).toEqual([`shell.nix:${PYTHON.line}:${PYTHON.column} python-version-consistent`]);
    expect(staged.report.diagnostics[0]!.message).toContain("packages/a/pyproject.toml (requires-python `>=3.13`)");
    expect(where((await lintJson(dir, ["shell.nix"])).report)).toEqual([]);
  });

  it(".python-version: the staged pin, not the working copy's", async () => {
    const dir = makeRepo({ "pyproject.toml": ROOT, "packages/a/pyproject.toml": member(">=3.11"), "shell.nix": FLAKE, ".python-version": "3.11\n" });
    fs.writeFileSync(path.join(dir, ".python-version"), "3.12\n"); // fixed, not staged

    const staged = await lintJson(dir, ["--staged", "shell.nix"]);
    expect(where(staged.report)).toEqual([`shell.nix:${PYTHON.line}:${PYTHON.column} python-version-consistent`]);
    expect(staged.report.diagnostics[0]!.message).toBe(
      "`pkgs.python312` gives Python 3.12, but .python-version pins 3.11; uv would fetch and use another interpreter than the dev shell's: make them agree.",
    );
    expect(where((await lintJson(dir, ["shell.nix"])).report)).toEqual([]);

    // And the reverse: a pin broken in the working tree only is no finding of the commit.
    git(dir, "add", "-A");
    fs.writeFileSync(path.join(dir, ".python-version"), "3.10\n");
    expect(where((await lintJson(dir, ["--staged", "shell.nix"])).report)).toEqual([]);
    expect(where((await lintJson(dir, ["shell.nix"])).report)).toEqual([`shell.nix:${PYTHON.line}:${PYTHON.column} python-version-consistent`]);
  });

  it("a members glob matches the folders the index holds", async () => {
    const dir = makeRepo({ "pyproject.toml": ROOT, "packages/a/pyproject.toml": member(">=3.11"), "packages/a/README.md": "a\n" });
    fs.rmSync(path.join(dir, "packages/a/pyproject.toml")); // deleted in the working tree, not staged

    expect(of("workspace-members", where((await lintJson(dir, ["--staged", "pyproject.toml"])).report))).toEqual([]);
    const working = await lintJson(dir, ["pyproject.toml"]);
    expect(of("workspace-members", where(working.report))).toEqual(["pyproject.toml:6:12 workspace-members"]);
    expect(working.report.diagnostics.find((d) => d.rule === "workspace-members")!.message).toContain("`packages/*` matches `packages/a`, with no pyproject.toml");
  });

  it("a Nix file's imports: the staged imported file, not the working copy", async () => {
    const shell = "{ pkgs }: pkgs.mkShell { packages = [ pkgs.python312 ] ++ (import ./nix/tools.nix { inherit pkgs; }); }\n";
    const dir = makeRepo({
      "pyproject.toml": ROOT,
      "packages/a/pyproject.toml": member(">=3.11"),
      "shell.nix": shell,
      "nix/tools.nix": "{ pkgs }: [ pkgs.ruff ]\n",
    });
    fs.writeFileSync(path.join(dir, "nix/tools.nix"), "{ pkgs }: [ pkgs.uv ]\n"); // uv added, not staged

    const staged = await lintJson(dir, ["--staged", "shell.nix"]);
    expect(where(staged.report)).toEqual(["shell.nix:1:11 nix-dev-shell-has-uv"]);
    expect(where((await lintJson(dir, ["shell.nix"])).report)).toEqual([]);
  });

  it("a workspace below the git top level: its staged files, named from its root, and none of the repository's others", async () => {
    const dir = makeRepo({
      "svc/pyproject.toml": ROOT,
      "svc/packages/a/pyproject.toml": member(">=3.11"),
      "svc/scripts/setup.sh": "#!/bin/sh\nuv sync\n",
      "tools/outside.sh": "#!/bin/sh\nuv sync\n",
    });
    git(dir, "commit", "-q", "-m", "start");
    fs.writeFileSync(path.join(dir, "svc/scripts/setup.sh"), "#!/bin/sh\npip install requests\n");
    fs.writeFileSync(path.join(dir, "tools/outside.sh"), "#!/bin/sh\npip install requests\n");
    git(dir, "add", "-A");

    const r = await lintJson(path.join(dir, "svc"), ["--staged"]);
    expect(r.report.root).toBe(fs.realpathSync(path.join(dir, "svc")));
    expect(where(r.report)).toEqual(["scripts/setup.sh:2:1 no-pip"]);
    expect(r.report.summary.files).toBe(1);
  });

  it("outside a git repository it is a usage error that names the folder, not a crash", () => {
    const dir = makeRepo({ "pyproject.toml": ROOT, "scripts/a.sh": "pip install requests\n" }, { git: false });
    const r = binary(dir, ["--staged"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`--staged needs a git repository; ${dir} is not in one`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binary, cli, git, makeRepo, PACKAGE_ROOT, writeFiles, type JsonReport } from "../harness/repo.js";
import { uvLockFor } from "../harness/uv-lock.js";

// The result cache must never serve a stale result: each test changes something a finding
// depends on (in another file, outside git's listing, in the config) and expects the finding to follow.

const PROJECTS = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["packages/*"]\n',
  "packages/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
};
const WORKSPACE = {
  ...PROJECTS,
  "uv.lock": uvLockFor(PROJECTS),
  "scripts/run.sh": "#!/bin/sh\nuv run --package core python -m core\n",
  ".gitignore": ".venv/\n",
};

const json = async (repo: string, args: readonly string[] = []) => {
  const r = await cli(repo, ["--cache", "--format", "json", ...args]);
  return { ...r, report: JSON.parse(r.stdout) as JsonReport };
};
const found = (report: JsonReport) => report.diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.rule}`);

describe("--cache", () => {
  it("a second run reports the same, from the cache, without loading rules or parsers", () => {
    const repo = makeRepo({ ...WORKSPACE, "scripts/pip.sh": "#!/bin/sh\npip install requests\n", "README.md": "# x\n\n```sh\npip install rich\n```\n" });
    const first = binary(repo, ["--cache", "--format", "json"]);
    expect(first.code).toBe(1);
    expect(fs.existsSync(path.join(repo, ".evio-lint-cache/results-v1.json"))).toBe(true);
    // The cache folder ignores itself: git status (and the next run's file list) stays the same.
    expect(git(repo, "status", "--porcelain", "--untracked-files=all")).not.toContain(".evio-lint-cache");

    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-load-")), "loaded.txt");
    const second = spawnSync(process.execPath, ["--import", path.join(PACKAGE_ROOT, "test/harness/load-log/register.mjs"), path.join(PACKAGE_ROOT, "bin/evio-lint.js"), "--cache", "--format", "json", "--workspace", "required"], {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, EVIO_LINT_LOAD_LOG: log },
    });
    expect(second.status).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const loaded = fs.readFileSync(log, "utf8");
    expect(loaded).not.toMatch(/dist\/rules\/(?!index\.js)[a-z-]+\.js/);
    // (Root discovery still reads the root pyproject.toml's values, with smol-toml.)
    expect(loaded).not.toMatch(/tree-sitter|micromark|mdast|toml-eslint-parser|dist\/src\/engine\/run\.js/);
  });

  it("a member's pyproject.toml renamed: the unchanged script that names it is reported", async () => {
    const repo = makeRepo(WORKSPACE);
    expect(found((await json(repo)).report)).toEqual([]);
    expect(found((await json(repo)).report)).toEqual([]);
    writeFiles(repo, { "packages/core/pyproject.toml": '[project]\nname = "corelib"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n' });
    const after = await json(repo);
    expect(found(after.report)).toContain("scripts/run.sh:2:18 unknown-package");
    expect(after.report.diagnostics[0]!.message).toContain("corelib");
  });

  it("a git-ignored .venv appearing in a member is reported (a read outside git's file list)", async () => {
    const repo = makeRepo(WORKSPACE);
    expect(found((await json(repo)).report)).toEqual([]);
    fs.mkdirSync(path.join(repo, "packages/core/.venv"));
    expect(found((await json(repo)).report)).toEqual(["packages/core/pyproject.toml:1:1 single-lockfile"]);
    fs.rmdirSync(path.join(repo, "packages/core/.venv"));
    expect(found((await json(repo)).report)).toEqual([]);
  });

  it("a new folder matched by the members glob is reported on the root pyproject.toml", async () => {
    const repo = makeRepo(WORKSPACE);
    expect(found((await json(repo)).report)).toEqual([]);
    fs.mkdirSync(path.join(repo, "packages/scratch"));
    expect(found((await json(repo)).report)).toEqual(["pyproject.toml:2:12 workspace-members"]);
  });

  it("an imported Nix file changed: the unchanged flake that imports it is reported anew", async () => {
    const repo = makeRepo({
      "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
      "flake.nix": "{ pkgs }: pkgs.mkShell { packages = import ./shell-packages.nix { inherit pkgs; }; }\n",
      "shell-packages.nix": "{ pkgs }: [ pkgs.uv pkgs.python311 ]\n",
    });
    expect(found((await json(repo)).report)).toEqual([]);
    writeFiles(repo, { "shell-packages.nix": "{ pkgs }: [ pkgs.hello ]\n" });
    const after = await json(repo);
    expect(found(after.report)).toEqual(["flake.nix:1:11 nix-dev-shell-has-uv"]);
    expect(after.report.diagnostics[0]!.message).toContain("neither `uv` nor a Python interpreter");
  });

  it("with --jobs 2, the reads a worker thread made count too", () => {
    const repo = makeRepo({
      "a.sh": "#!/bin/sh\necho ok\n",
      "flake.nix": "{ pkgs }: pkgs.mkShell { packages = import ./shell-packages.nix { inherit pkgs; }; }\n",
      "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
      "shell-packages.nix": "{ pkgs }: [ pkgs.uv pkgs.python311 ]\n",
    });
    // Every other file to the worker: flake.nix (the second) is linted there.
    const run = () => JSON.parse(binary(repo, ["--cache", "--jobs", "2", "--format", "json"]).stdout) as JsonReport;
    expect(found(run())).toEqual([]);
    writeFiles(repo, { "shell-packages.nix": "{ pkgs }: [ pkgs.hello ]\n" });
    expect(found(run())).toEqual(["flake.nix:1:11 nix-dev-shell-has-uv"]);
  });

  it("outside git, the walk never lists the cache folder", async () => {
    const repo = makeRepo({ "scripts/pip.sh": "#!/bin/sh\npip install requests\n" }, { git: false });
    const first = await json(repo);
    const second = await json(repo);
    expect(first.report.summary.files).toBe(1);
    expect(second.report.summary.files).toBe(1);
    expect(found(second.report)).toEqual(["scripts/pip.sh:2:1 no-pip"]);
  });

  it("the config turning a rule off, and --rule, are part of the key", async () => {
    const repo = makeRepo({ "scripts/pip.sh": "#!/bin/sh\npip install requests\n" });
    expect(found((await json(repo)).report)).toEqual(["scripts/pip.sh:2:1 no-pip"]);
    expect(found((await json(repo, ["--rule", "no-pip=off"])).report)).toEqual([]);
    writeFiles(repo, { ".evio-lint.json": '{ "rules": { "no-pip": "off" } }\n' });
    expect(found((await json(repo)).report)).toEqual([]);
    writeFiles(repo, { ".evio-lint.json": "{}\n" });
    expect(found((await json(repo)).report)).toEqual(["scripts/pip.sh:2:1 no-pip"]);
  });

  it("an edited file is linted again; --fix does not use the cache and the next run sees the fixed text", async () => {
    const repo = makeRepo({ "scripts/a.sh": "#!/bin/sh\necho ok\n", "scripts/b.sh": "#!/bin/sh\necho ok\n" });
    expect(found((await json(repo)).report)).toEqual([]);
    writeFiles(repo, { "scripts/b.sh": "#!/bin/sh\npip install requests\n" });
    expect(found((await json(repo)).report)).toEqual(["scripts/b.sh:2:1 no-pip"]);
    const fixable = "#!/bin/sh\n# evio-lint-disable-next-line no-pip -- kept\necho ok\n";
    writeFiles(repo, { "scripts/a.sh": fixable });
    expect(found((await json(repo)).report)).toEqual(["scripts/a.sh:2:1 unused-disable-directive", "scripts/b.sh:2:1 no-pip"]);
    expect((await cli(repo, ["--cache", "--fix"])).code).toBe(1);
    expect(fs.readFileSync(path.join(repo, "scripts/a.sh"), "utf8")).toBe("#!/bin/sh\necho ok\n");
    expect(found((await json(repo)).report)).toEqual(["scripts/b.sh:2:1 no-pip"]);
  });

  it("--no-cache neither reads nor writes; --cache-location names the folder", async () => {
    const repo = makeRepo({ "scripts/a.sh": "#!/bin/sh\necho ok\n" });
    expect((await cli(repo, ["--cache", "--no-cache"])).code).toBe(0);
    expect(fs.existsSync(path.join(repo, ".evio-lint-cache"))).toBe(false);
    expect((await cli(repo, ["--cache", "--cache-location", "build/lint-cache"])).code).toBe(0);
    expect(fs.readdirSync(path.join(repo, "build/lint-cache")).sort()).toEqual([".gitignore", "results-v1.json"]);
    const r = await cli(repo, ["--cache-location", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--cache-location goes with --cache");
  });

  it("a cache folder that is a symlink is refused: nothing written there, the run goes on", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-outside-"));
    const repo = makeRepo({ "scripts/pip.sh": "#!/bin/sh\npip install requests\n" });
    fs.symlinkSync(outside, path.join(repo, ".evio-lint-cache"));
    const r = await cli(repo, ["--cache"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("no-pip");
    expect(r.stderr).toMatch(/\.evio-lint-cache: its path goes through a symlink|it is a symlink/);
    expect(fs.readdirSync(outside)).toEqual([]);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("two runs at once both succeed and leave a cache the next run reads", async () => {
    const repo = makeRepo({ "scripts/pip.sh": "#!/bin/sh\npip install requests\n", "scripts/ok.sh": "#!/bin/sh\necho ok\n" });
    const run = () =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, "bin/evio-lint.js"), "--cache", "--workspace", "required"], { cwd: repo, stdio: "ignore" });
        child.on("exit", (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run(), run()])).toEqual([1, 1]);
    expect(() => JSON.parse(fs.readFileSync(path.join(repo, ".evio-lint-cache/results-v1.json"), "utf8"))).not.toThrow();
    expect(fs.readdirSync(path.join(repo, ".evio-lint-cache")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(found((await json(repo)).report)).toEqual(["scripts/pip.sh:2:1 no-pip"]);
  });
});

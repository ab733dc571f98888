import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stampOf, writeAtomic, WriteRefused } from "../../src/fix/write.js";
import { cli, git, makeRepo, writeFiles } from "../harness/repo.js";

// Issue 11 (1, 4-8, 10) and issue 10.7: a repository is untrusted input; nothing it names makes
// evio-lint read or write outside it, and one file that cannot be written does not stop the run.

const WORKSPACE = {
  "pyproject.toml": '[project]\nname = "mono"\nversion = "0.1.0"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
  "packages/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\n',
  "uv.lock": 'version = 1\n\n[[package]]\nname = "core"\nversion = "0.1.0"\nsource = { editable = "packages/core" }\n\n[[package]]\nname = "mono"\nversion = "0.1.0"\nsource = { virtual = "." }\n',
};
const PIP = "#!/bin/sh\npip install numpy\n";
const FIXED = "#!/bin/sh\nuv add --package core numpy\n";

/** A folder beside the repo, standing for anything outside it (/etc, a CI secret). */
function outsideDir(): string {
  return makeRepo({}, { git: false }); // a plain folder, removed after the file like the repos
}

describe("symlinks (11.1)", () => {
  it("never writes through a link to a file outside the repository, and never lints it", async () => {
    const outside = outsideDir();
    fs.writeFileSync(path.join(outside, "victim.sh"), PIP);
    const dir = makeRepo({ ...WORKSPACE, "packages/core/ok.sh": PIP });
    fs.symlinkSync(path.join(outside, "victim.sh"), path.join(dir, "packages/core/link.sh"));
    git(dir, "add", "-A");
    const r = await cli(dir, ["--fix"]);
    expect(fs.readFileSync(path.join(outside, "victim.sh"), "utf8")).toBe(PIP);
    expect(fs.lstatSync(path.join(dir, "packages/core/link.sh")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, "packages/core/ok.sh"), "utf8")).toBe(FIXED);
    expect(r.stdout + r.stderr).not.toContain("link.sh");
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("never reads a member pyproject.toml that links outside, so a secret is never printed", async () => {
    const outside = outsideDir();
    fs.writeFileSync(path.join(outside, "credentials"), "SECRET_TOKEN=hunter2 not toml\n");
    const dir = makeRepo({ ...WORKSPACE });
    fs.mkdirSync(path.join(dir, "packages/leak"));
    fs.symlinkSync(path.join(outside, "credentials"), path.join(dir, "packages/leak/pyproject.toml"));
    fs.symlinkSync(path.join(outside, "credentials"), path.join(dir, "creds.toml"));
    git(dir, "add", "-A");
    const r = await cli(dir, []);
    expect(r.code).not.toBe(2);
    expect(r.stdout + r.stderr).not.toContain("hunter2");
    expect(r.stdout + r.stderr).not.toContain("SECRET_TOKEN");
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("lints a link to a file inside the repository once, under the target's own name", async () => {
    const dir = makeRepo({ ...WORKSPACE, "packages/core/setup.sh": PIP });
    fs.symlinkSync("packages/core/setup.sh", path.join(dir, "setup-link.sh"));
    git(dir, "add", "-A");
    const r = await cli(dir, ["--format", "json"]);
    const files = (JSON.parse(r.stdout) as { diagnostics: { file: string; rule: string }[] }).diagnostics.filter((d) => d.rule === "no-pip").map((d) => d.file);
    expect(files).toEqual(["packages/core/setup.sh"]);
  });

  it("a named link out of the repository (a hook's staged names, a CI file list) is not linted, and does not move the root", async () => {
    const outside = outsideDir();
    writeFiles(outside, { "x.sh": PIP, "etc/pyproject.toml": "SECRET_TOKEN=hunter2 not toml\n" });
    const dir = makeRepo({ ...WORKSPACE, "packages/core/ok.sh": PIP });
    fs.symlinkSync(path.join(outside, "x.sh"), path.join(dir, "link.sh"));
    fs.symlinkSync(outside, path.join(dir, "vendor"));
    git(dir, "add", "-A");
    for (const named of ["link.sh", "vendor", "vendor/x.sh", "vendor/etc/pyproject.toml"]) {
      const r = await cli(dir, ["--fix", named]);
      expect(r.stderr).toBe(`evio-lint: ${named}: not linted: a symlink to a path outside the repository\n`);
      expect(r.stdout).toBe("");
      expect(r.code).toBe(0);
    }
    expect(fs.readFileSync(path.join(outside, "x.sh"), "utf8")).toBe(PIP);
    // the other names of the same run are still linted
    const both = await cli(dir, ["link.sh", "packages/core/ok.sh"]);
    expect(both.stdout).toContain("packages/core/ok.sh");
    expect(both.code).toBe(1);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("a named path through a link inside the repository is linted and fixed under its real name", async () => {
    const dir = makeRepo({ ...WORKSPACE, "packages/core/in.sh": PIP });
    fs.symlinkSync("packages/core", path.join(dir, "core-link"));
    git(dir, "add", "-A");
    const r = await cli(dir, ["--format", "json", "core-link/in.sh"]);
    const files = (JSON.parse(r.stdout) as { diagnostics: { file: string; rule: string }[] }).diagnostics.filter((d) => d.rule === "no-pip").map((d) => d.file);
    expect(files).toEqual(["packages/core/in.sh"]);
    await cli(dir, ["--fix", "core-link/in.sh"]);
    expect(fs.lstatSync(path.join(dir, "core-link")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, "packages/core/in.sh"), "utf8")).toBe(FIXED);
  });

  it("refuses to replace a symlink, naming why", () => {
    const dir = makeRepo({ "a.sh": PIP }, { git: false });
    fs.symlinkSync("a.sh", path.join(dir, "b.sh"));
    expect(() => writeAtomic(path.join(dir, "b.sh"), FIXED)).toThrow(WriteRefused);
    expect(() => writeAtomic(path.join(dir, "b.sh"), FIXED)).toThrow(/symlink/);
    expect(fs.readFileSync(path.join(dir, "a.sh"), "utf8")).toBe(PIP);
  });
});

describe("write failures (11.6, 11.7, 11.10)", () => {
  it("a hard-linked file is not fixed, says why, and the other files still are", async () => {
    const dir = makeRepo({ ...WORKSPACE, "packages/core/a.sh": PIP, "packages/core/b.sh": PIP });
    fs.linkSync(path.join(dir, "packages/core/a.sh"), path.join(dir, "packages/core/a-twin.txt"));
    git(dir, "add", "-A");
    const r = await cli(dir, ["--fix"]);
    expect(r.stderr).toContain("packages/core/a.sh: 1 fix not applied: hard link");
    expect(fs.readFileSync(path.join(dir, "packages/core/a.sh"), "utf8")).toBe(PIP);
    expect(fs.readFileSync(path.join(dir, "packages/core/b.sh"), "utf8")).toBe(FIXED);
    expect(r.code).toBe(1); // a.sh still has its finding
    expect(r.stdout).toContain("packages/core/a.sh");
  });

  it("a file in an immutable folder (EPERM on the temp file) is reported, and the run goes on", async () => {
    const dir = makeRepo({ ...WORKSPACE, "packages/core/locked/a.sh": PIP, "packages/core/b.sh": PIP });
    const locked = path.join(dir, "packages/core/locked");
    try {
      execFileSync("chattr", ["+i", locked], { stdio: "ignore" });
    } catch {
      // Without chattr support (some file systems), a read-only folder stands in for non-root users.
      fs.chmodSync(locked, 0o555);
    }
    try {
      const r = await cli(dir, ["--fix"]);
      expect(r.stderr).toMatch(/packages\/core\/locked\/a\.sh: 1 fix not applied: (operation not permitted|permission denied)/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(fs.readFileSync(path.join(locked, "a.sh"), "utf8")).toBe(PIP);
      expect(fs.readFileSync(path.join(dir, "packages/core/b.sh"), "utf8")).toBe(FIXED);
      expect(r.code).toBe(1);
    } finally {
      try {
        execFileSync("chattr", ["-i", locked], { stdio: "ignore" });
      } catch {
        fs.chmodSync(locked, 0o755);
      }
    }
  });

  it("a file name near NAME_MAX is fixed: the temp name stays short", async () => {
    const name = `${"x".repeat(250)}.sh`;
    const dir = makeRepo({ ...WORKSPACE, [`packages/core/${name}`]: PIP });
    const r = await cli(dir, ["--fix"]);
    expect(r.stderr).toBe("");
    expect(fs.readFileSync(path.join(dir, "packages/core", name), "utf8")).toBe(FIXED);
  });

  it("a file edited after it was read is not overwritten", () => {
    const dir = makeRepo({ "a.sh": PIP }, { git: false });
    const abs = path.join(dir, "a.sh");
    const stamp = stampOf(abs, fs.readFileSync(abs))!;
    fs.writeFileSync(abs, "#!/bin/sh\necho edited by someone else\n");
    expect(() => writeAtomic(abs, FIXED, stamp)).toThrow(/changed while fixing/);
    expect(fs.readFileSync(abs, "utf8")).toBe("#!/bin/sh\necho edited by someone else\n");
    // unchanged since the read: written
    const fresh = stampOf(abs, fs.readFileSync(abs))!;
    writeAtomic(abs, FIXED, fresh);
    expect(fs.readFileSync(abs, "utf8")).toBe(FIXED);
  });

  it("keeps owner, group and mode (as root)", async () => {
    const dir = makeRepo({ ...WORKSPACE, "packages/core/a.sh": PIP });
    const abs = path.join(dir, "packages/core/a.sh");
    fs.chmodSync(abs, 0o750);
    const canChown = process.getuid?.() === 0;
    if (canChown) fs.chownSync(abs, 1234, 4321);
    await cli(dir, ["--fix"]);
    const st = fs.statSync(abs);
    expect(fs.readFileSync(abs, "utf8")).toBe(FIXED);
    expect(st.mode & 0o777).toBe(0o750);
    if (canChown) expect([st.uid, st.gid]).toEqual([1234, 4321]);
  });
});

describe("--staged (11.4, 11.5)", () => {
  it("a staged path with a newline does not shift later files' content", async () => {
    const dir = makeRepo({ ...WORKSPACE, "packages/core/a\nb.sh": "#!/bin/sh\necho fine\n", "packages/core/c.sh": "#!/bin/sh\n\n\npip install numpy\n" });
    const r = await cli(dir, ["--staged", "--format", "json"]);
    const hits = (JSON.parse(r.stdout) as { diagnostics: { file: string; rule: string; range: { start: { line: number } } }[] }).diagnostics
      .filter((d) => d.rule === "no-pip")
      .map((d) => `${d.file}:${d.range.start.line}`);
    expect(hits).toEqual(["packages/core/c.sh:4"]);
    expect(r.code).toBe(1);
  });

  it("--staged --fix keeps the executable bit the index recorded", async () => {
    const dir = makeRepo({ ...WORKSPACE, "packages/core/run.sh": PIP });
    git(dir, "update-index", "--chmod=+x", "packages/core/run.sh");
    expect(fs.statSync(path.join(dir, "packages/core/run.sh")).mode & 0o111).toBe(0); // working copy is 644
    await cli(dir, ["--staged", "--fix"]);
    expect(git(dir, "ls-files", "-s", "packages/core/run.sh")).toMatch(/^100755 /);
    expect(git(dir, "show", ":packages/core/run.sh")).toBe(FIXED);
  });
});

describe("members globs (11.8)", () => {
  it("`**` over a directory link to a parent ends, with no stack overflow", async () => {
    const dir = makeRepo({
      ...WORKSPACE,
      "pyproject.toml": '[project]\nname = "mono"\nversion = "0.1.0"\n\n[tool.uv.workspace]\nmembers = ["packages/**"]\n',
    });
    fs.symlinkSync("..", path.join(dir, "packages/core/loop"));
    fs.symlinkSync("../..", path.join(dir, "packages/up"));
    const r = await cli(dir, ["--format", "json"]);
    expect(r.code).not.toBe(2);
    expect(r.stderr).not.toMatch(/Maximum call stack|internal error/);
    const report = JSON.parse(r.stdout) as { diagnostics: { message: string }[] };
    expect(report.diagnostics.some((d) => d.message.includes("loop"))).toBe(false);
  });

  it("a glob that leaves the repository reads nothing there", async () => {
    const outside = outsideDir();
    writeFiles(outside, { "pkg/pyproject.toml": '[project]\nname = "SECRET_PROJECT"\nversion = "1"\n' });
    const rel = path.relative(os.tmpdir(), outside);
    const dir = makeRepo({
      ...WORKSPACE,
      "pyproject.toml": `[project]\nname = "mono"\nversion = "0.1.0"\n\n[tool.uv.workspace]\nmembers = ["packages/*", "../${rel}/*"]\n`,
    });
    const r = await cli(dir, []);
    expect(r.code).not.toBe(2);
    expect(r.stdout + r.stderr).not.toContain("SECRET_PROJECT");
    fs.rmSync(outside, { recursive: true, force: true });
  });
});

describe("outside a git work tree (10.7)", () => {
  it("lints the nearest project folder and skips environments and build results", async () => {
    const parent = makeRepo({}, { git: false });
    writeFiles(parent, {
      "stray.sh": PIP, // beside the project, not in it
      "proj/pyproject.toml": WORKSPACE["pyproject.toml"],
      "proj/packages/core/pyproject.toml": WORKSPACE["packages/core/pyproject.toml"],
      "proj/packages/core/setup.sh": PIP,
      "proj/node_modules/x/install.sh": PIP,
      "proj/.venv/bin/activate.sh": PIP,
      "proj/.tox/py/setup.sh": PIP,
    });
    fs.mkdirSync(path.join(parent, "proj/store/out"), { recursive: true });
    fs.writeFileSync(path.join(parent, "proj/store/out/build.sh"), PIP);
    fs.symlinkSync("store/out", path.join(parent, "proj/result"));
    const r = await cli(path.join(parent, "proj/packages/core"), ["--format", "json"]);
    const files = (JSON.parse(r.stdout) as { diagnostics: { file: string; rule: string }[] }).diagnostics.filter((d) => d.rule === "no-pip").map((d) => d.file);
    expect(files).toEqual(["packages/core/setup.sh", "store/out/build.sh"]);
  });

  it("stops listing at 20,000 files with a message, instead of walking a home folder for minutes", async () => {
    const dir = makeRepo({}, { git: false });
    fs.writeFileSync(path.join(dir, "flake.nix"), "{ outputs = _: { }; }\n");
    for (let d = 0; d < 21; d++) {
      const sub = path.join(dir, `d${String(d).padStart(2, "0")}`);
      fs.mkdirSync(sub);
      for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(sub, `f${i}.txt`), "");
    }
    const r = await cli(dir, []);
    expect(r.stderr).toContain("is not a git work tree; stopped listing files at 20,000");
    expect(r.code).toBe(0);
  }, 180_000); // 21,000 files written and walked: a hang guard, generous for a loaded machine
});

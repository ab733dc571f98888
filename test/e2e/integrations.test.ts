import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { cli, git, makeRepo, PACKAGE_ROOT, where, type JsonReport } from "../harness/repo.js";
import { uvLockFor } from "../harness/uv-lock.js";

const MEMBERS = {
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["packages/*"]\n',
  "packages/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\n',
};
/** A real (if tiny) workspace: root, one member, and the uv.lock that matches them. */
const WS = { ...MEMBERS, "uv.lock": uvLockFor(MEMBERS) };

async function withStdin(cwd: string, args: string[], stdin: string) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd, env: { NO_COLOR: "1" }, isTty: false, readStdin: async () => stdin });
  return { code, stdout, stderr };
}

describe("--stdin: an editor's unsaved buffer", () => {
  it("lints stdin as if it were the named file, with that file's kind, config and workspace", async () => {
    const dir = makeRepo({ ...WS, "packages/core/setup.sh": "uv sync\n" });
    const r = await withStdin(dir, ["--stdin", "--stdin-filename", "packages/core/setup.sh", "--format", "json"], "#!/bin/sh\npip install numpy\n");
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(where(report)).toEqual(["packages/core/setup.sh:2:1 no-pip"]);
    expect(report.diagnostics[0]!.fix?.edits[0]?.text).toBe("uv add --package core");
    expect(fs.readFileSync(path.join(dir, "packages/core/setup.sh"), "utf8")).toBe("uv sync\n");
    const md = await withStdin(dir, ["--stdin", "--stdin-filename", "docs/x.md"], "```bash\npip install x\n```\n");
    expect(md.stdout).toContain("docs/x.md\n  2:1  error");
  });

  it("an ignored name gives nothing; --fix is refused", async () => {
    const dir = makeRepo({ ".evio-lint.json": JSON.stringify({ ignores: ["legacy/**"] }) });
    expect((await withStdin(dir, ["--stdin", "--stdin-filename", "legacy/a.sh"], "pip install x\n")).code).toBe(0);
    const fix = await withStdin(dir, ["--stdin", "--fix"], "pip install x\n");
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain("--fix-dry-run");
  });
});

describe("--staged: what the commit records, not the working tree", () => {
  it("reports the staged version's violation even when the working copy is clean, and the reverse", async () => {
    const dir = makeRepo({ ...WS, "a.sh": "uv sync\n", "b.sh": "uv sync\n" });
    git(dir, "commit", "-qm", "init");
    fs.writeFileSync(path.join(dir, "a.sh"), "pip install x\n");
    git(dir, "add", "a.sh");
    fs.writeFileSync(path.join(dir, "a.sh"), "uv sync\n"); // working copy fixed, not staged
    fs.writeFileSync(path.join(dir, "b.sh"), "pip install y\n"); // working copy broken, not staged
    const staged = await cli(dir, ["--staged", "--format", "json"]);
    expect(where(JSON.parse(staged.stdout))).toEqual(["a.sh:1:1 no-pip"]);
    const tree = await cli(dir, ["--format", "json"]);
    expect(where(JSON.parse(tree.stdout))).toEqual(["b.sh:1:1 no-pip"]);
  });

  it("takes workspace facts from the index: a member staged but not on disk still owns its files", async () => {
    const dir = makeRepo({ "pyproject.toml": '[tool.uv.workspace]\nmembers = ["packages/*"]\n', "packages/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\n', "packages/core/run.sh": "pip install numpy\n" });
    fs.renameSync(path.join(dir, "packages/core/pyproject.toml"), path.join(dir, "packages/core/pyproject.bak"));
    const r = await cli(dir, ["--staged", "--format", "json"]);
    expect(JSON.parse(r.stdout).diagnostics[0].fix.edits[0].text).toBe("uv add --package core");
  });

  it("skips deleted files and lints renamed ones under their new name", async () => {
    const dir = makeRepo({ "old.sh": "uv sync\n", "gone.sh": "uv sync\n" });
    git(dir, "commit", "-qm", "init");
    git(dir, "mv", "old.sh", "new.sh");
    fs.writeFileSync(path.join(dir, "new.sh"), "pip install x\n");
    git(dir, "add", "new.sh");
    git(dir, "rm", "-q", "gone.sh");
    const r = await cli(dir, ["--staged", "--format", "json"]);
    expect(where(JSON.parse(r.stdout))).toEqual(["new.sh:1:1 no-pip"]);
  });

  it("--fix --staged fixes and re-stages a file without unstaged changes", async () => {
    const dir = makeRepo({ ...WS, "packages/core/run.sh": "uv sync\n" });
    git(dir, "commit", "-qm", "init");
    fs.writeFileSync(path.join(dir, "packages/core/run.sh"), "pip install numpy\n");
    git(dir, "add", "-A");
    const r = await cli(dir, ["--staged", "--fix"]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "packages/core/run.sh"), "utf8")).toBe("uv add --package core numpy\n");
    expect(git(dir, "show", ":packages/core/run.sh")).toBe("uv add --package core numpy\n");
    expect(git(dir, "status", "--porcelain")).toBe("M  packages/core/run.sh\n");
  });

  it("--fix --staged leaves a file with unstaged changes alone, says so, and loses nothing", async () => {
    const dir = makeRepo({ ...WS, "packages/core/run.sh": "uv sync\n" });
    git(dir, "commit", "-qm", "init");
    fs.writeFileSync(path.join(dir, "packages/core/run.sh"), "pip install numpy\n");
    git(dir, "add", "-A");
    fs.writeFileSync(path.join(dir, "packages/core/run.sh"), "pip install numpy\necho work in progress\n");
    const r = await cli(dir, ["--staged", "--fix"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("packages/core/run.sh: 1 fix not applied: the file has unstaged changes");
    expect(fs.readFileSync(path.join(dir, "packages/core/run.sh"), "utf8")).toBe("pip install numpy\necho work in progress\n");
    expect(git(dir, "show", ":packages/core/run.sh")).toBe("pip install numpy\n");
  });
});

describe("evio-lint init", () => {
  const self = `node ${path.join(fs.realpathSync(PACKAGE_ROOT), "bin/evio-lint.js")} --staged {staged_files}`;

  // issue 13: never a bare `npx evio-lint` (a registry name anyone may publish); run the copy init came from
  it("writes the config and a lefthook pre-commit command running this copy by path; a second run changes nothing", async () => {
    const dir = makeRepo({});
    const first = await cli(dir, ["init"]);
    expect(first.code).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(dir, ".evio-lint.json"), "utf8"));
    expect(config).toEqual({ rules: {}, ignores: [] });
    expect(fs.readFileSync(path.join(dir, "lefthook.yml"), "utf8")).toBe(`pre-commit:\n  commands:\n    evio-lint:\n      run: ${self}\n`);
    expect(first.stdout).toContain("run `lefthook install`");
    const snapshot = [".evio-lint.json", "lefthook.yml"].map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
    const second = await cli(dir, ["init"]);
    expect(second.stdout).toContain("left as it is");
    expect([".evio-lint.json", "lefthook.yml"].map((f) => fs.readFileSync(path.join(dir, f), "utf8"))).toEqual(snapshot);
  });

  it("installed in the repository's node_modules, the hook runs node_modules/.bin/evio-lint and the config names the local schema", async () => {
    const dir = makeRepo({});
    fs.mkdirSync(path.join(dir, "node_modules/.bin"), { recursive: true });
    fs.symlinkSync(PACKAGE_ROOT, path.join(dir, "node_modules/evio-lint"));
    fs.symlinkSync("../evio-lint/bin/evio-lint.js", path.join(dir, "node_modules/.bin/evio-lint"));
    expect((await cli(dir, ["init"])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "lefthook.yml"), "utf8")).toBe("pre-commit:\n  commands:\n    evio-lint:\n      run: node_modules/.bin/evio-lint --staged {staged_files}\n");
    expect(JSON.parse(fs.readFileSync(path.join(dir, ".evio-lint.json"), "utf8")).$schema).toBe("./node_modules/evio-lint/schema/config.schema.json");
    expect(fs.existsSync(path.join(dir, "node_modules/evio-lint/schema/config.schema.json"))).toBe(true);
  });

  it("merges into an existing lefthook.yml without touching the rest", async () => {
    const existing = "# team hooks\npre-commit:\n  parallel: true\n  commands:\n    ruff:\n      glob: \"*.py\" # python only\n      run: uv run ruff check {staged_files}\npre-push:\n  commands:\n    test:\n      run: uv run pytest\n";
    const dir = makeRepo({ "lefthook.yml": existing });
    await cli(dir, ["init"]);
    const merged = fs.readFileSync(path.join(dir, "lefthook.yml"), "utf8");
    expect(merged).toBe(existing.replace("      run: uv run ruff check {staged_files}\n", `      run: uv run ruff check {staged_files}\n    evio-lint:\n      run: ${self}\n`));
    await cli(dir, ["init"]);
    expect(fs.readFileSync(path.join(dir, "lefthook.yml"), "utf8")).toBe(merged);
  });

  it("a lefthook.yml that does not parse is a clear error, and is left alone", async () => {
    const dir = makeRepo({ "lefthook.yml": "pre-commit: [\n" });
    const r = await cli(dir, ["init"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^evio-lint: lefthook\.yml:\d+:\d+: cannot merge into it/);
    expect(fs.readFileSync(path.join(dir, "lefthook.yml"), "utf8")).toBe("pre-commit: [\n");
  });
});

describe("a real lefthook pre-commit hook", () => {
  const lefthook = path.join(PACKAGE_ROOT, "node_modules/.bin/lefthook");
  const commit = (dir: string, message: string) =>
    spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-m", message], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

  it("refuses a commit with a violation, with the message, and accepts a clean one", () => {
    const hook = `pre-commit:\n  commands:\n    evio-lint:\n      run: node ${path.join(PACKAGE_ROOT, "bin/evio-lint.js")} --staged {staged_files}\n`;
    const dir = makeRepo({ ...WS, "lefthook.yml": hook, "README.md": "# x\n" });
    expect(spawnSync(lefthook, ["install"], { cwd: dir, encoding: "utf8" }).status).toBe(0);
    git(dir, "add", "-A");
    expect(commit(dir, "init").status).toBe(0);

    fs.writeFileSync(path.join(dir, "packages/core/setup.sh"), "#!/bin/sh\npip install numpy\n");
    git(dir, "add", "packages/core/setup.sh");
    const refused = commit(dir, "add setup");
    expect(refused.status).not.toBe(0);
    const said = refused.stdout + refused.stderr;
    expect(said).toContain("packages/core/setup.sh");
    expect(said).toContain("2:1  error  `pip install` bypasses uv.lock and the workspace; use `uv add --package core numpy`.  no-pip");
    expect(git(dir, "log", "--oneline").trim().split("\n")).toHaveLength(1);

    fs.writeFileSync(path.join(dir, "packages/core/setup.sh"), "#!/bin/sh\nuv add --package core numpy\n");
    git(dir, "add", "packages/core/setup.sh");
    const accepted = commit(dir, "add setup");
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(git(dir, "log", "--oneline").trim().split("\n")).toHaveLength(2);
  });
});

describe("--jobs: worker threads for big trees", () => {
  it("gives the same report and the same fixes with two threads as with one (built binary)", async () => {
    const files: Record<string, string> = { ...WS };
    for (let i = 0; i < 40; i++) {
      files[`packages/core/scripts/s${i}.sh`] = i % 3 === 0 ? "pip install numpy\n" : "uv sync\n";
      files[`docs/d${i}.md`] = i % 4 === 0 ? "```bash\npython -m pip list\n```\n" : "# ok\n";
    }
    const one = makeRepo(files);
    const two = makeRepo(files);
    const bin = (dir: string, args: string[]) => spawnSync(process.execPath, [path.join(PACKAGE_ROOT, "bin/evio-lint.js"), ...args], { cwd: dir, encoding: "utf8" });
    const a = JSON.parse(bin(one, ["--format", "json", "--jobs", "1"]).stdout) as JsonReport;
    const b = JSON.parse(bin(two, ["--format", "json", "--jobs", "2"]).stdout) as JsonReport;
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(b.summary).toEqual(a.summary);
    expect(bin(two, ["--fix", "--jobs", "2"]).status).toBe(1); // the docs' pip list has no fix
    bin(one, ["--fix", "--jobs", "1"]);
    for (const rel of Object.keys(files)) expect(fs.readFileSync(path.join(two, rel), "utf8"), rel).toBe(fs.readFileSync(path.join(one, rel), "utf8"));
    expect(fs.readFileSync(path.join(two, "packages/core/scripts/s0.sh"), "utf8")).toBe("uv add --package core numpy\n");
  });
});

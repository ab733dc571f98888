// Issue 13 item 3: the CLI conventions ESLint and Ruff users expect.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binary, cli, git, makeRepo, PACKAGE_ROOT, positionOf } from "../harness/repo.js";
import { uvLockFor } from "../harness/uv-lock.js";

const WORKSPACE = '[tool.uv.workspace]\nmembers = ["packages/*"]\n';
const CORE = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';
const workspace = (more: Record<string, string> = {}) => {
  const files = { "pyproject.toml": WORKSPACE, "packages/core/pyproject.toml": CORE, ...more };
  return { ...files, "uv.lock": uvLockFor(files) };
};

// no-pip (an error, only a suggestion: no member owns scripts/), run-from-root (an error with a safe
// fix), and a warning in a doc.
const SCRIPT = "#!/bin/sh\npip install requests\ncd packages/core && uv sync\n";
const DOC = "Run `pip install y`.\n";
const FILES = workspace({ "scripts/a.sh": SCRIPT, "docs/a.md": DOC });
const PIP = "`pip install` bypasses uv.lock and the workspace; use `uv add --package <member> requests`.";
const RUN = "`uv sync` runs in `packages/core/` (after `cd packages/core`), inside member evio-core (packages/core/pyproject.toml); run it from the root: `uv sync --package evio-core`.";
const DOC_PIP = "`pip install` bypasses uv.lock and the workspace; use `uv add --package <member> y`.";

describe("--format concise", () => {
  it("prints path:line:col: severity rule message, one line each, and the summary on stderr", async () => {
    const dir = makeRepo(FILES);
    const r = await cli(dir, ["--format", "concise"], { NO_COLOR: "", FORCE_COLOR: "1" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [`docs/a.md:1:6: warning no-pip ${DOC_PIP}`, `scripts/a.sh:2:1: error no-pip ${PIP}`, `scripts/a.sh:3:21: error run-from-root ${RUN}`, ""].join("\n"),
    );
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stderr).toBe("evio-lint: 3 problems (2 errors, 1 warning) in 5 files. 1 is fixable with `--fix`.\n");
  });

  it("writes out control characters in file names and messages", async () => {
    const dir = makeRepo(workspace({ "scripts/a\u001b[2Jb.sh": "pip install x\u001b[31my\u009b2J\n" }));
    const r = await cli(dir, ["--format", "concise"]);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^"scripts\/a\\x1b\[2Jb\.sh":1:1: error no-pip .*x\\x1b\[31my\\x9b2J/);
  });

  it("prints nothing on stdout when clean", async () => {
    const dir = makeRepo(workspace({ "scripts/ok.sh": "uv sync\n" }));
    const r = await cli(dir, ["--format", "concise"]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "evio-lint: no problems in 4 files.\n" });
  });
});

describe("paths are shown relative to the current folder, or as typed", () => {
  it("from a subfolder: relative to it, not root-relative (stylish and concise)", async () => {
    const dir = makeRepo(FILES);
    const sub = path.join(dir, "scripts");
    const concise = await cli(sub, ["--format", "concise"]);
    expect(concise.stdout.split("\n").map((l) => l.split(": ")[0])).toEqual(["../docs/a.md:1:6", "a.sh:2:1", "a.sh:3:21", ""]);
    const stylish = await cli(sub, []);
    expect(stylish.stdout.split("\n").filter((l) => /^\S/.test(l) && !l.startsWith("✖"))).toEqual(["../docs/a.md", "a.sh"]);
    // related locations too: the `cd` behind run-from-root
    expect(stylish.stdout).toContain("    ↳ a.sh:3:1  `cd packages/core` moves the shell into `packages/core/`\n");
    // the machine interface stays root-relative (docs/output-json.md)
    const json = JSON.parse((await cli(sub, ["--format", "json"])).stdout) as { diagnostics: { file: string }[] };
    expect(json.diagnostics.map((d) => d.file)).toEqual(["docs/a.md", "scripts/a.sh", "scripts/a.sh"]);
  });

  it("a path named on the command line comes back as it was typed", async () => {
    const dir = makeRepo(FILES);
    const typed = await cli(dir, ["--format", "concise", "./scripts/a.sh", "docs/"]);
    expect(typed.stdout.split("\n").map((l) => l.split(": ")[0])).toEqual(["docs/a.md:1:6", "./scripts/a.sh:2:1", "./scripts/a.sh:3:21", ""]);
    // from a folder outside the repository, with `..` in the name
    const elsewhere = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-cwd-")));
    try {
      const name = `../${path.basename(dir)}/scripts/a.sh`;
      const outside = binary(elsewhere, [name]);
      expect(outside.stdout.split("\n")[0]).toBe(name);
      expect(outside.code).toBe(1);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("--stdin-filename is shown as given", async () => {
    const dir = makeRepo(workspace());
    let out = "";
    const { main } = await import("../../src/cli/main.js");
    const code = await main(["--stdin", "--stdin-filename", "./run.sh", "--format", "concise"], {
      stdout: (s) => void (out += s),
      stderr: () => undefined,
      cwd: path.join(dir, "packages/core"),
      env: { NO_COLOR: "1" },
      isTty: false,
      readStdin: async () => "pip install x\n",
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^\.\/run\.sh:1:1: error no-pip /);
  });
});

describe("--output-file", () => {
  it("writes the report to the file, and only a one-line summary to stderr", async () => {
    const dir = makeRepo(FILES);
    const plain = await cli(dir, ["--format", "json"]);
    const r = binary(dir, ["--format", "json", "-o", "report.json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("evio-lint: 3 problems (2 errors, 1 warning) in 5 files; report written to report.json. 1 is fixable with `--fix`.\n");
    const written = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8")) as { diagnostics: unknown[]; summary: unknown };
    expect(written).toEqual(JSON.parse(plain.stdout));
    // an existing report is replaced whole (temp file + rename), its mode kept, no temp file left behind
    fs.writeFileSync(path.join(dir, "report.txt"), "x".repeat(100_000));
    fs.chmodSync(path.join(dir, "report.txt"), 0o600);
    expect((await cli(dir, ["--format", "concise", "--output-file", "report.txt"])).stdout).toBe("");
    expect(fs.readFileSync(path.join(dir, "report.txt"), "utf8")).toBe((await cli(dir, ["--format", "concise"])).stdout);
    expect(fs.statSync(path.join(dir, "report.txt")).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    // colours are for a terminal, not for a file read later
    await cli(dir, ["--output-file", "stylish.txt"], { NO_COLOR: "", FORCE_COLOR: "1" });
    const stylish = fs.readFileSync(path.join(dir, "stylish.txt"), "utf8");
    expect(stylish).toContain("scripts/a.sh\n  2:1  error");
    expect(stylish).not.toContain("\u001b");
  });

  it("with --fix-dry-run the diff stays on stdout; a file that cannot be written is exit 2", async () => {
    const dir = makeRepo(FILES);
    const dry = await cli(dir, ["--fix-dry-run", "--output-file", "r.txt"]);
    expect(dry.stdout).toContain("+uv sync --package evio-core");
    expect(fs.readFileSync(path.join(dir, "r.txt"), "utf8")).toContain("scripts/a.sh");
    expect(fs.readFileSync(path.join(dir, "scripts/a.sh"), "utf8")).toBe(SCRIPT);
    const bad = await cli(dir, ["--output-file", "no/such/dir/r.txt"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^evio-lint: --output-file no\/such\/dir\/r\.txt: cannot write: ENOENT\n/);
  });
});

describe("--statistics", () => {
  it("counts findings per rule, most first, with how many are fixable", async () => {
    const dir = makeRepo(workspace({ "scripts/a.sh": SCRIPT, "scripts/b.sh": "pip install x\npip install y\n", "docs/a.md": DOC }));
    const r = await cli(dir, ["--statistics"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(["4  no-pip", "1  run-from-root  [*] 1 fixable", "", "5 problems (4 errors, 1 warning) in 6 files", "1 is fixable with `--fix`.", ""].join("\n"));
    const json = await cli(dir, ["--statistics", "--format", "json"]);
    expect(JSON.parse(json.stdout)).toEqual([
      { rule: "no-pip", count: 4, fixable: 0 },
      { rule: "run-from-root", count: 1, fixable: 1 },
    ]);
    const sarif = await cli(dir, ["--statistics", "--format", "sarif"]);
    expect(sarif.code).toBe(2);
    expect(sarif.stderr).toContain("--statistics prints a table (or JSON with --format json), not --format sarif");
  });
});

describe("--exit-zero", () => {
  it("exits 0 with errors and too many warnings, still 2 on usage and config errors", async () => {
    const dir = makeRepo(FILES);
    const r = await cli(dir, ["--exit-zero", "--format", "concise"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("error no-pip");
    expect((await cli(dir, ["--exit-zero", "--rule", "no-pip=warn", "--rule", "run-from-root=off", "--max-warnings", "0"])).code).toBe(0);
    expect((await cli(dir, ["--exit-zero", "--bogus"])).code).toBe(2);
    fs.writeFileSync(path.join(dir, ".evio-lint.json"), `{ "rulez": {} }`);
    expect((await cli(dir, ["--exit-zero"])).code).toBe(2);
  });
});

describe("--format gitlab (Code Quality)", () => {
  type Issue = { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number; end: number } } };
  const gitlab = async (dir: string, args: string[] = []) => JSON.parse((await cli(dir, ["--format", "gitlab", ...args])).stdout) as Issue[];

  it("prints the issues GitLab reads, with major for errors and minor for warnings", async () => {
    const dir = makeRepo(FILES);
    const issues = await gitlab(dir);
    expect(issues.map(({ fingerprint, ...rest }) => rest)).toEqual([
      { description: DOC_PIP, check_name: "no-pip", severity: "minor", location: { path: "docs/a.md", lines: { begin: 1, end: 1 } } },
      { description: PIP, check_name: "no-pip", severity: "major", location: { path: "scripts/a.sh", lines: { begin: 2, end: 2 } } },
      { description: RUN, check_name: "run-from-root", severity: "major", location: { path: "scripts/a.sh", lines: { begin: 3, end: 3 } } },
    ]);
    for (const i of issues) expect(i.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // the same value SARIF gives code scanning
    const sarif = JSON.parse((await cli(dir, ["--format", "sarif"])).stdout) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.partialFingerprints["evioLint/v1"])).toEqual(issues.map((i) => i.fingerprint));
  });

  it("fingerprints are stable across runs and line moves, and tell identical findings apart", async () => {
    const dir = makeRepo(workspace({ "scripts/a.sh": "pip install x\nuv sync\npip install x\n" }));
    const first = await gitlab(dir);
    expect(await gitlab(dir)).toEqual(first);
    expect(new Set(first.map((i) => i.fingerprint)).size).toBe(2);
    fs.writeFileSync(path.join(dir, "scripts/a.sh"), "# a comment\n\n  pip   install x\nuv sync\npip install x\n");
    const moved = await gitlab(dir);
    expect(moved.map((i) => i.location.lines.begin)).toEqual([3, 5]);
    expect(moved.map((i) => i.fingerprint)).toEqual(first.map((i) => i.fingerprint));
    fs.writeFileSync(path.join(dir, "scripts/a.sh"), "pip install y\nuv sync\npip install x\n");
    const changed = await gitlab(dir);
    expect(changed[0]!.fingerprint).not.toBe(first[0]!.fingerprint);
  });

  it("paths are relative to the git work tree when the workspace is a folder inside it", async () => {
    const dir = makeRepo({ "README.md": "# repo\n" });
    const files = workspace({ "scripts/a.sh": "pip install x\n" });
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, "python", rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, "python", rel), text);
    }
    git(dir, "add", "-A");
    const issues = await gitlab(path.join(dir, "python"));
    expect(issues.map((i) => `${i.location.path}:${i.location.lines.begin} ${i.check_name}`)).toEqual(["python/scripts/a.sh:1 no-pip"]);
    // GitHub's annotations are matched against the checkout the same way
    const github = await cli(path.join(dir, "python"), ["--format", "github"]);
    expect(github.stdout).toMatch(/^::error file=python\/scripts\/a\.sh,line=1,col=1,/);
    // JSON stays relative to the lint root (docs/output-json.md)
    const json = JSON.parse((await cli(path.join(dir, "python"), ["--format", "json"])).stdout) as { diagnostics: { file: string }[] };
    expect(json.diagnostics.map((d) => d.file)).toEqual(["scripts/a.sh"]);
  });
});

describe("did you mean", () => {
  it.each([
    [["--fixx"], "unknown option --fixx (did you mean --fix?)"],
    [["--statistic"], "unknown option --statistic (did you mean --statistics?)"],
    [["--exitzero"], "unknown option --exitzero (did you mean --exit-zero?)"],
    [["--frobnicate"], "unknown option --frobnicate\n"],
    [["--format", "consise"], '--format must be one of stylish, concise, json, sarif, github, gitlab (got "consise"; did you mean concise?)'],
    [["--rule", "no-pipp=off"], '--rule: unknown rule "no-pipp" (did you mean "no-pip"?)'],
    [["explain", "run-from-rot"], 'no rule "run-from-rot" (did you mean "run-from-root"?)'],
  ])("%j", async (args, message) => {
    const dir = makeRepo(FILES);
    const r = await cli(dir, args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`evio-lint: ${message}`);
  });
});

describe("what --fix and --fix-dry-run say", () => {
  it("--fix-dry-run says what --fix would do, never that fixes were applied", async () => {
    const dir = makeRepo(FILES);
    const r = await cli(dir, ["--fix-dry-run"]);
    expect(r.stderr).toContain("1 fix would be applied by `--fix` (dry run: nothing written).");
    expect(r.stderr).not.toMatch(/applied\.|fixable with/);
    expect(fs.readFileSync(path.join(dir, "scripts/a.sh"), "utf8")).toBe(SCRIPT);
  });

  it("--fix says what it applied and does not offer --fix again", async () => {
    const dir = makeRepo(FILES);
    const r = await cli(dir, ["--fix"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("  1 fix applied.");
    expect(r.stdout).not.toContain("fixable with");
    expect(fs.readFileSync(path.join(dir, "scripts/a.sh"), "utf8")).toBe("#!/bin/sh\npip install requests\nuv sync --package evio-core\n");
  });

  it("a fix --fix could not write is not offered as fixable with --fix", async () => {
    const dir = makeRepo(FILES);
    // a hard link: evio-lint refuses to split it by a rename, so the fix stays unwritten
    fs.linkSync(path.join(dir, "scripts/a.sh"), path.join(dir, ".git/a-copy.sh"));
    const r = await cli(dir, ["--fix", "scripts/a.sh"]);
    expect(r.stderr).toContain("scripts/a.sh: 1 fix not applied: hard link");
    expect(r.stdout).toContain("  1 has a fix that was not applied (see the notes above).");
    expect(r.stdout).not.toContain("fixable with");
    expect(r.stdout).not.toContain("fix applied");
  });
});

describe("--list-rules and the README agree", () => {
  it("every rule's fix words are the README table's", async () => {
    const readme = fs.readFileSync(path.join(PACKAGE_ROOT, "README.md"), "utf8");
    const table = new Map([...readme.matchAll(/^\| \[`([a-z-]+)`\]\([^)]*\) \| (\w+) \| ([^|]+) \|/gm)].map((m) => [m[1]!, `${m[2]} ${m[3]!.trim()}`]));
    const listed = (await cli(makeRepo({}), ["--list-rules"])).stdout.trimEnd().split("\n");
    expect(listed.length).toBe(table.size);
    for (const line of listed) {
      const m = /^(\S+) +(\S+) +fix: (.+?)  +\S/.exec(line)!;
      expect(`${m[2]} ${m[3]}`, line).toBe(table.get(m[1]!));
    }
  });
});

describe("--help", () => {
  it("lists the new formats and flags", async () => {
    const help = (await cli(makeRepo({}), ["--help"])).stdout;
    for (const word of ["concise", "gitlab", "--output-file", "--statistics", "--exit-zero", "docs/cli.md"]) expect(help).toContain(word);
  });
});

describe("concise columns", () => {
  it("count UTF-16 code units like the JSON contract", async () => {
    const text = "# ❌ é 😀\necho 😀 && pip install x\n";
    const dir = makeRepo(workspace({ "scripts/w.sh": text }));
    const at = positionOf(text, "pip install x");
    expect((await cli(dir, ["--format", "concise"])).stdout).toContain(`scripts/w.sh:${at.line}:${at.column}: error no-pip`);
  });
});

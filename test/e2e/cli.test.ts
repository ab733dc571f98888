import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binary, cli, git, lintJson, makeRepo, positionOf, where } from "../harness/repo.js";
import { uvLockFor } from "../harness/uv-lock.js";

const WORKSPACE = `[tool.uv.workspace]\nmembers = ["packages/*"]\n`;
const CORE = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';
/** A real (if tiny) workspace: root, one member, and the uv.lock that matches them. */
const workspace = (more: Record<string, string> = {}) => {
  const files = { "pyproject.toml": WORKSPACE, "packages/core/pyproject.toml": CORE, ...more };
  return { ...files, "uv.lock": uvLockFor(files) };
};

describe("JSON output (docs/output-json.md)", () => {
  const setup = "#!/bin/bash\n# ❌ é 😀 setup\nuv sync && pip install requests\n";
  const member = '[project]\nname = "evio-core"\nversion = "0.1.0"\n';
  it("prints the v1 contract field by field", async () => {
    const dir = makeRepo(workspace({ "packages/core/pyproject.toml": member, "packages/core/setup.sh": setup }));
    const { code, report } = await lintJson(dir);
    expect(code).toBe(1);
    const at = positionOf(setup, "pip install requests");
    const headEnd = { line: at.line, column: at.column + "pip install".length, offset: at.offset + "pip install".length };
    expect(report).toEqual({
      version: 1,
      tool: { name: "evio-lint", version: "0.1.0" },
      root: dir,
      diagnostics: [
        {
          rule: "no-pip",
          severity: "error",
          message: "`pip install` bypasses uv.lock and the workspace; use `uv add --package evio-core requests`.",
          file: "packages/core/setup.sh",
          range: {
            start: at,
            end: { line: at.line, column: at.column + "pip install requests".length, offset: at.offset + "pip install requests".length },
          },
          origin: "shell",
          fix: {
            safety: "safe",
            description: "Replace with `uv add --package evio-core requests`",
            edits: [{ range: { start: at, end: headEnd }, text: "uv add --package evio-core" }],
          },
          suggestions: [],
          docs: "docs/rules/no-pip.md",
        },
      ],
      summary: { files: 4, errors: 1, warnings: 0, fixable: 1, fixed: 0 },
    });
    // columns are UTF-16 code units: ❌ é are one unit each, 😀 two
    expect(at).toEqual({ line: 3, column: 12, offset: 38 });
  });

  it("prints nothing but the JSON on stdout, and an empty list when clean", async () => {
    const dir = makeRepo(workspace({ "scripts/ok.sh": "uv sync\n" }));
    const r = await cli(dir, ["--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
    expect(r.stderr).toBe("");
  });
});

describe("positions inside embedded snippets point at the word in the real file", () => {
  const flake = [
    "{",
    "  # ❌ é 😀 a comment with wide characters",
    "  outputs = { self, nixpkgs }: {",
    "    devShells.x86_64-linux.default = nixpkgs.legacyPackages.x86_64-linux.mkShell {",
    "      shellHook = ''",
    "        echo \"é😀 ready\"",
    "          export PYTHONUSERBASE=$HOME/.local",
    "        ${nixpkgs.legacyPackages.x86_64-linux.python3}/bin/pip install --user -r requirements-dev.txt",
    "      '';",
    "    };",
    "  };",
    "}",
    "",
  ].join("\n");
  const doc = [
    "# Setup 😀",
    "",
    "1. Install:",
    "",
    "   ```bash",
    "   # é é",
    "   python3 -m pip install -r requirements.txt",
    "   ```",
    "",
    "Then run `pip3 install numpy` once. ❌",
    "",
  ].join("\n");

  it.each([
    ["flake.nix", flake, "PYTHONUSERBASE=$HOME/.local", "nix:shell", "error"],
    ["flake.nix", flake, "${nixpkgs.legacyPackages.x86_64-linux.python3}/bin/pip install --user -r requirements-dev.txt", "nix:shell", "error"],
    ["docs/setup.md", doc, "python3 -m pip install -r requirements.txt", "markdown:bash", "error"],
    ["docs/setup.md", doc, "pip3 install numpy", "markdown:inline", "warning"],
  ])("%s: %s", async (file, text, needle, origin, severity) => {
    const dir = makeRepo({ [file]: text });
    const { report } = await lintJson(dir);
    const at = positionOf(text, needle);
    const d = report.diagnostics.find((x) => x.range.start.offset === at.offset);
    expect(d, JSON.stringify(report.diagnostics.map((x) => x.range.start))).toBeDefined();
    expect(d!.range.start).toEqual(at);
    expect(d!.range.end.offset).toBe(at.offset + needle.length);
    expect(d!.origin).toBe(origin);
    expect(d!.severity).toBe(severity);
  });
});

describe("bad input never crashes", () => {
  it.each([
    ["pyproject.toml", '[project\nname = "x"\n', "pyproject.toml:1:9 parse-error"],
    ["flake.nix", "{ outputs = { self }: {\n  a = ;\n}; }\n", "flake.nix:2:7 parse-error"],
    ["scripts/x.sh", "if true; then\n  echo x\n", "scripts/x.sh:3:1 parse-error"],
    [".github/workflows/ci.yml", "jobs:\n  a: [\n", ".github/workflows/ci.yml:3:1 parse-error"],
  ])("%s gives a parse-error with line and column", async (file, text, expected) => {
    const dir = makeRepo({ [file]: text });
    const { code, report, stderr } = await lintJson(dir);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(where(report)).toEqual([expected]);
  });

  it("skips a binary file, reports a non-UTF-8 file, accepts empty files", async () => {
    const dir = makeRepo({
      "tools/blob.sh": Buffer.from([0x23, 0x21, 0x00, 0xff, 0x00, 0x70, 0x69, 0x70]),
      "docs/latin1.md": Buffer.from("caf\xe9 pip install x\n", "latin1"),
      "empty.sh": "",
      "empty.toml": "",
      "docs/empty.md": "",
    });
    const { code, report, stderr } = await lintJson(dir);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(where(report)).toEqual(["docs/latin1.md:1:1 parse-error"]);
    expect(report.diagnostics[0]!.message).toMatch(/not valid UTF-8/);
  });

  it("an empty Nix file is a syntax error, not a crash", async () => {
    const dir = makeRepo({ "default.nix": "" });
    const r = await lintJson(dir);
    expect(r.stderr).toBe("");
    expect(r.report.diagnostics.map((d) => d.rule)).toEqual(["parse-error"]);
  });
});

describe("exit codes and options", () => {
  const files = workspace({ "scripts/a.sh": "pip install x\n", "docs/a.md": "Run `pip install y`.\n" });

  it("0 clean, 1 errors, 2 usage", async () => {
    const dir = makeRepo(files);
    expect((await cli(dir, [])).code).toBe(1);
    expect((await cli(dir, ["--rule", "no-pip=off"])).code).toBe(0);
    expect((await cli(dir, ["--rule", "no-pip=warn"])).code).toBe(0);
    expect((await cli(dir, ["--rule", "no-pip=warn", "--max-warnings", "1"])).code).toBe(1);
    expect((await cli(dir, ["--rule", "no-pip=warn", "--max-warnings", "2"])).code).toBe(0);
    for (const bad of [["--format", "xml"], ["--rule", "no-pipp=off"], ["--rule", "no-pip"], ["--max-warnings", "x"], ["--bogus"], ["missing/path"], ["explain"], ["--unsafe-fixes"]]) {
      const r = await cli(dir, bad);
      expect(r.code, bad.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^evio-lint: /);
      expect(r.stdout).toBe("");
    }
  });

  it("--quiet shows errors only", async () => {
    const dir = makeRepo(files);
    const r = await cli(dir, ["--quiet"]);
    expect(r.stdout).toContain("scripts/a.sh");
    expect(r.stdout).not.toContain("docs/a.md");
  });

  it("stylish output: file, line:col, severity, message, rule, code frame, summary", async () => {
    const dir = makeRepo(files);
    const r = await cli(dir, []);
    expect(r.stdout).toBe(
      [
        "docs/a.md",
        "  1:6  warning  `pip install` bypasses uv.lock and the workspace; use `uv add --package <member> y`.  no-pip",
        "    1 | Run `pip install y`.",
        "      |      ^^^^^^^^^^^^^",
        "",
        "scripts/a.sh",
        "  1:1  error  `pip install` bypasses uv.lock and the workspace; use `uv add --package <member> x`.  no-pip",
        "    1 | pip install x",
        "      | ^^^^^^^^^^^^^",
        "",
        "✖ 2 problems (1 error, 1 warning) in 5 files",
        "",
      ].join("\n"),
    );
  });

  it("colours only when asked or on a terminal; NO_COLOR and --no-color win", async () => {
    const dir = makeRepo(files);
    expect((await cli(dir, [], { NO_COLOR: "1" })).stdout).not.toContain("\u001b[");
    expect((await cli(dir, [], { NO_COLOR: "", FORCE_COLOR: "1" })).stdout).toContain("\u001b[31merror");
    expect((await cli(dir, ["--no-color"], { NO_COLOR: "", FORCE_COLOR: "1" })).stdout).not.toContain("\u001b[");
  });

  it("--version, --help, --list-rules, explain", async () => {
    const dir = makeRepo({});
    expect((await cli(dir, ["--version"])).stdout).toBe("0.1.0\n");
    expect((await cli(dir, ["--help"])).stdout).toContain("Usage: evio-lint");
    const rules = (await cli(dir, ["--list-rules"])).stdout;
    // Issue 13: the README table's fix words, not the internal kind names ("sometimes-safe")
    expect(rules).toMatch(/^no-pip +error +fix: safe when certain, else suggestion +Disallow pip/m);
    expect(rules).toMatch(/^unused-disable-directive +warning +fix: safe +Report/m);
    const doc = await cli(dir, ["explain", "no-pip"]);
    expect(doc.code).toBe(0);
    // Issue 13: the rule's page without its "generated, do not edit" banner
    const page = fs.readFileSync(path.join(__dirname, "../../docs/rules/no-pip.md"), "utf8");
    expect(page.startsWith("<!-- Generated")).toBe(true);
    expect(doc.stdout).toBe(page.slice(page.indexOf("\n") + 1));
    expect(doc.stdout.startsWith("# no-pip\n")).toBe(true);
    const unknown = await cli(dir, ["explain", "no-pipp"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no rule "no-pipp" (did you mean "no-pip"?)');
  });

  it("the built binary starts and lints", () => {
    const dir = makeRepo(files);
    const r = binary(dir, ["--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.errors).toBe(1);
  });
});

describe("discovery and the root", () => {
  it("lints tracked and untracked files, not ignored ones, never node_modules or .venv", async () => {
    const dir = makeRepo({
      ".gitignore": "build/\n",
      "scripts/tracked.sh": "pip install a\n",
      "build/gen.sh": "pip install b\n",
      "node_modules/x/install.sh": "pip install c\n",
      "packages/a/.venv/bin/activate.sh": "pip install d\n",
      "bin/setup": "#!/usr/bin/env bash\npip install e\n",
      "bin/tool": "#!/usr/bin/env python3\nprint('pip install f')\n",
    });
    fs.writeFileSync(path.join(dir, "scripts/untracked.sh"), "pip install g\n");
    const { report } = await lintJson(dir);
    expect(where(report)).toEqual(["bin/setup:2:1 no-pip", "scripts/tracked.sh:1:1 no-pip", "scripts/untracked.sh:1:1 no-pip"]);
  });

  it("outside git, walks the folder honouring .gitignore", async () => {
    const dir = makeRepo({ ".gitignore": "*.gen.sh\n", "a.sh": "pip install a\n", "b.gen.sh": "pip install b\n", "sub/.gitignore": "c.sh\n", "sub/c.sh": "pip install c\n", "sub/d.sh": "pip install d\n" }, { git: false });
    const { report } = await lintJson(dir);
    expect(where(report)).toEqual(["a.sh:1:1 no-pip", "sub/d.sh:1:1 no-pip"]);
  });

  it("finds the workspace root from a member folder and reports root-relative paths", async () => {
    const dir = makeRepo(workspace({ "packages/core/run.sh": "pip install x\n" }));
    const { report } = await lintJson(path.join(dir, "packages/core"));
    expect(report.root).toBe(dir);
    expect(where(report)).toEqual(["packages/core/run.sh:1:1 no-pip"]);
  });

  it("explicit paths narrow the files; config-ignored names are skipped silently", async () => {
    const dir = makeRepo({
      ".evio-lint.json": JSON.stringify({ ignores: ["legacy/**"] }),
      "a.sh": "pip install a\n",
      "b.sh": "pip install b\n",
      "legacy/old.sh": "pip install c\n",
    });
    const { code, report } = await lintJson(dir, ["b.sh", "legacy/old.sh"]);
    expect(code).toBe(1);
    expect(where(report)).toEqual(["b.sh:1:1 no-pip"]);
    expect(report.summary.files).toBe(1);
    const onlyIgnored = await lintJson(dir, ["legacy/old.sh"]);
    expect(onlyIgnored.code).toBe(0);
    expect(onlyIgnored.report.summary.files).toBe(0);
  });

  it("a deleted tracked file is not an error", async () => {
    const dir = makeRepo({ "a.sh": "uv sync\n", "gone.sh": "pip install x\n" });
    git(dir, "commit", "-qm", "init");
    fs.rmSync(path.join(dir, "gone.sh"));
    expect((await cli(dir, [])).code).toBe(0);
  });
});

describe("pathological input", () => {
  it("a file nested deeper than the stack allows is reported as not analysed, not a crash", async () => {
    // Nested lists are walked without recursion now (issue 11.9); nested `$(` in a shellHook still recurse.
    const deep = "{ pkgs }: pkgs.mkShell { shellHook = ''\n" + "echo $(".repeat(3000) + ")".repeat(3000) + "\n''; }\n";
    const dir = makeRepo({ "deep.nix": deep, "ok.sh": "pip install x\n" });
    const { code, report, stderr } = await lintJson(dir);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(where(report)).toEqual(["deep.nix:1:1 parse-error", "ok.sh:1:1 no-pip"]);
    expect(report.diagnostics[0]!.message).toContain("nested too deeply");
  });

  it("a finding far along a long line gets a code frame around it, not the whole line", async () => {
    const line = "echo " + "x".repeat(2000) + " && pip install y";
    const dir = makeRepo({ "long.sh": line + "\n" });
    const out = (await cli(dir, [])).stdout.split("\n");
    const frame = out.find((l) => l.includes("| …"))!;
    const caret = out[out.indexOf(frame) + 1]!;
    expect(frame.length).toBeLessThan(200);
    expect(caret.indexOf("^")).toBe(frame.indexOf("pip install y"));
  });
});

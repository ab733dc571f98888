import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nixParse } from "../harness/nix-parse.js";
import { binary, makeRepo, PACKAGE_ROOT, type JsonReport } from "../harness/repo.js";

/**
 * Real-shaped trees of `.nix` files (test/corpus/nix/<tree>/), written the way nixfmt (RFC 166)
 * writes them: a NixOS configuration, a uv workspace's flake, and the constructs that older
 * grammar builds reject. Each file is asked of `nix-instantiate --parse` first, so the corpus
 * cannot drift into something Nix rejects.
 */
const CORPUS = path.join(PACKAGE_ROOT, "test/corpus/nix");
const TREES = ["nixos-config", "uv-flake", "edge"] as const;

/**
 * Each tree is linted as the root of a uv workspace, so that every rule reads its files. The
 * workspace lives here, not in test/corpus/: there it would be a nested workspace of this repo.
 */
const WORKSPACE: Record<string, string> = {
  "pyproject.toml": '[project]\nname = "corpus"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
  "packages/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\nrequires-python = ">=3.12"\n',
  "packages/core/src/core/__init__.py": "",
};

function filesOf(tree: string): Record<string, string> {
  const root = path.join(CORPUS, tree);
  const files: Record<string, string> = {};
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: "utf8" })) {
    const abs = path.join(root, rel);
    if (fs.statSync(abs).isFile()) files[rel.split(path.sep).join("/")] = fs.readFileSync(abs, "utf8");
  }
  return files;
}

const nixFiles = (files: Record<string, string>): string[] => Object.keys(files).filter((f) => f.endsWith(".nix")).sort();

function lintTree(files: Record<string, string>): JsonReport {
  const dir = makeRepo({ ...WORKSPACE, ...files });
  const run = binary(dir, ["--format", "json"]);
  expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  return JSON.parse(run.stdout) as JsonReport;
}

const parseErrors = (report: JsonReport) =>
  report.diagnostics.filter((d) => d.rule === "parse-error").map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.message}`);

describe.each(TREES)("Nix corpus: %s", (tree) => {
  const files = filesOf(tree);

  it("every .nix file is accepted by nix-instantiate --parse", () => {
    expect(nixFiles(files).length).toBeGreaterThan(0);
    for (const file of nixFiles(files)) expect({ file, ...nixParse(files[file]!) }).toMatchObject({ file, ok: true });
  });

  it("the CLI lints every .nix file and reports no parse-error", () => {
    const report = lintTree(files);
    expect(parseErrors(report)).toEqual([]);
    expect(report.summary.files).toBeGreaterThanOrEqual(nixFiles(files).length + 2);
  });

  it("a file that nix-instantiate rejects (one `;` dropped) is a parse-error with line and column", () => {
    const broken = { ...files };
    for (const file of nixFiles(files)) {
      broken[file] = files[file]!.replace(/;\n/, "\n");
      expect({ file, ok: nixParse(broken[file]).ok }).toEqual({ file, ok: false });
    }
    const errors = parseErrors(lintTree(broken));
    for (const file of nixFiles(files)) expect(errors.some((e) => e.startsWith(`${file}:`)), file).toBe(true);
    for (const e of errors) expect(e).toMatch(/^\S+\.nix:\d+:\d+ Syntax error: /);
  });
});

describe("Nix corpus: where the error is", () => {
  it.each([
    { tree: "nixos-config", file: "configuration.nix", drop: "  boot.loader.systemd-boot.enable = true;\n" },
    { tree: "nixos-config", file: "modules/services.nix", drop: "assert lib.isList backupPaths;\n" },
    { tree: "uv-flake", file: "nix/dev-shell.nix", drop: '          UV_PYTHON_DOWNLOADS = "never";\n' },
  ])("$tree/$file: the line and column nix-instantiate names", ({ tree, file, drop }) => {
    const files = filesOf(tree);
    expect(files[file]).toContain(drop);
    const broken = files[file]!.replace(drop, drop.replace(";\n", "\n"));
    const nix = nixParse(broken);
    expect(nix.ok).toBe(false);
    expect(parseErrors(lintTree({ ...files, [file]: broken }))).toEqual([expect.stringMatching(new RegExp(`^${file}:${nix.line}:${nix.column} `))]);
  });
});

describe("Nix corpus: the rules read files in this style", () => {
  it("a dev shell without uv behind `{ pkgs ? import <nixpkgs> { }, }:` is reported at its mkShell", () => {
    const files = filesOf("uv-flake");
    const report = lintTree({ ...files, "shell.nix": files["shell.nix"]!.replace("    pkgs.uv\n", "") });
    expect(parseErrors(report)).toEqual([]);
    expect(report.diagnostics.filter((d) => d.rule === "nix-dev-shell-has-uv").map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column}`)).toEqual(["shell.nix:4:1"]);
  });
});

describe("a .nix file that does not parse gets no fix", () => {
  const member = '[project]\nname = "evio"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n\n[project.scripts]\nevio-cli = "evio:main"\n';
  const root = '[project]\nname = "root"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n\n[tool.uv.workspace]\nmembers = ["evio"]\n';
  const flake = (semicolon: string) => `{
  outputs =
    { self, nixpkgs, }:
    {
      devShells.x86_64-linux.default = nixpkgs.legacyPackages.x86_64-linux.mkShell {
        packages = [ nixpkgs.legacyPackages.x86_64-linux.uv ];
        # evio-lint-disable-next-line no-pip
        shellHook = ''
          uv run evio-cli
        '';
      };
    }${semicolon}
}
`;
  const repo = (text: string) => makeRepo({ "pyproject.toml": root, "evio/pyproject.toml": member, "evio/src/evio/__init__.py": "", "flake.nix": text });

  it("--fix leaves it byte for byte and says why, though rules report fixable findings on it", () => {
    const text = flake("");
    expect(nixParse(text).ok).toBe(false);
    const dir = repo(text);
    const report = JSON.parse(binary(dir, ["--format", "json"]).stdout) as JsonReport;
    expect(report.diagnostics.filter((d) => d.file === "flake.nix" && d.fix?.safety === "safe").map((d) => d.rule).sort()).toEqual(["unused-disable-directive", "uv-run-package"]);
    expect(parseErrors(report)).toEqual([expect.stringMatching(/^flake\.nix:13:1 Syntax error: /)]);

    const run = binary(dir, ["--fix"]);
    expect(fs.readFileSync(path.join(dir, "flake.nix"), "utf8")).toBe(text);
    expect(run.stderr).toContain("flake.nix:9:11: fix for uv-run-package not applied: the file does not parse (13:1 ");
    expect(run.stderr).toContain("flake.nix:7:9: fix for unused-disable-directive not applied: the file does not parse (13:1 ");
    expect(run.code).toBe(1);
  });

  it("the same file with its syntax repaired is fixed", () => {
    const text = flake(";");
    expect(nixParse(text).ok).toBe(true);
    const dir = repo(text);
    binary(dir, ["--fix"]);
    const fixed = fs.readFileSync(path.join(dir, "flake.nix"), "utf8");
    expect(fixed).toContain("uv run --package evio evio-cli");
    expect(fixed).not.toContain("evio-lint-disable");
    expect(nixParse(fixed).ok).toBe(true);
  });
});

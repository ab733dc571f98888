import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { binary, makeRepo, type JsonReport } from "../harness/repo.js";

// Issue 10 "Must show": --fix on a large flake removes only the Python packages uv already
// provides (declared by a member or the root), twice is once, and the flake still parses.

/** nixpkgs attribute, and whether some pyproject.toml of the workspace declares it (under its PyPI name) */
const ENV: readonly [string, boolean][] = [
  ["numpy", true], ["scipy", false], ["pytorch", true], ["pandas", false], ["pillow", true], ["ipython", false],
];
const LIST: readonly [string, boolean][] = [
  ["scikitlearn", true], ["opencv4", true], ["fastapi", true], ["pydantic", true], ["requests", true], ["pyyaml", true],
  ["matplotlib", true], ["pytest", true], ["hatchling", true], ["sympy", false], ["networkx", false],
  ["pytest-timeout", false], ["mypy", false], ["setuptools", false],
];

const envLine = (attr: string) => `          ${attr}`;
const listLine = (attr: string, i: number) => `            pkgs.python312Packages.${attr}${i % 3 === 0 ? " # pinned by nixpkgs" : ""}`;

const FLAKE = [
  "{",
  '  description = "A monorepo with a big dev shell";',
  '  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";',
  '  inputs.flake-utils.url = "github:numtide/flake-utils";',
  "  outputs = { self, nixpkgs, flake-utils }:",
  "    flake-utils.lib.eachDefaultSystem (system:",
  "      let",
  "        pkgs = nixpkgs.legacyPackages.${system};",
  "        pythonEnv = pkgs.python312.withPackages (ps: with ps; [",
  ...ENV.map(([attr]) => envLine(attr)),
  "        ]);",
  "      in {",
  "        devShells.default = pkgs.mkShell {",
  "          packages = [",
  "            pythonEnv",
  "            pkgs.uv",
  "            pkgs.git",
  "          ] ++ [",
  ...LIST.map(([attr], i) => listLine(attr, i)),
  "          ];",
  "        };",
  // An app is no dev shell: its Python env is reported, never edited, though numpy is declared.
  '        apps.train = pkgs.writeShellScriptBin "train" "${pkgs.python312.withPackages (ps: [ ps.numpy ])}/bin/python train.py";',
  "      });",
  "}",
  "",
].join("\n");

const FILES = {
  "flake.nix": FLAKE,
  "pyproject.toml": '[tool.uv.workspace]\nmembers = ["services/*", "libs/*"]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n',
  "services/api/pyproject.toml":
    '[project]\nname = "api"\nversion = "0.1.0"\nrequires-python = ">=3.12"\ndependencies = ["FastAPI>=0.110", "pydantic", "requests[socks]", "PyYAML>=6"]\n',
  "libs/ml/pyproject.toml": [
    "[project]",
    'name = "ml"',
    'version = "0.1.0"',
    'requires-python = ">=3.12"',
    'dependencies = ["numpy>=2", "scikit_learn", "torch", "Pillow", "opencv-python"]',
    "",
    "[project.optional-dependencies]",
    'plot = ["matplotlib"]',
    "",
    "[build-system]",
    'requires = ["hatchling"]',
    'build-backend = "hatchling.build"',
    "",
  ].join("\n"),
  "libs/ml/ml/__init__.py": "",
  "services/api/api/__init__.py": "",
};

function lint(dir: string, args: readonly string[]): JsonReport {
  const r = binary(dir, ["--format", "json", ...args]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as JsonReport;
}

describe("--fix on a large flake with 20 nixpkgs Python packages, some declared by members", () => {
  it("removes exactly the declared ones, a second --fix changes nothing, nix-instantiate --parse accepts the result", () => {
    const dir = makeRepo(FILES);
    const flake = path.join(dir, "flake.nix");
    const before = lint(dir, ["--rule", "nix-no-python-packages=error"]);
    const reported = before.diagnostics.filter((d) => d.rule === "nix-no-python-packages");
    // 20 in the shell, one in the app; no finding at the env's call or at `pythonEnv` in the list.
    expect(reported.length).toBe(21);
    const lineOf = (needle: string) => FLAKE.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(reported.some((d) => d.range.start.line === lineOf("pythonEnv = ") || d.range.start.line === lineOf("            pythonEnv"))).toBe(false);

    lint(dir, ["--fix"]);
    const fixed = fs.readFileSync(flake, "utf8");
    const removed = new Set([
      ...ENV.filter(([, declared]) => declared).map(([attr]) => envLine(attr)),
      ...LIST.flatMap(([attr, declared], i) => (declared ? [listLine(attr, i)] : [])),
    ]);
    expect(removed.size).toBe(12);
    expect(fixed).toBe(FLAKE.split("\n").filter((l) => !removed.has(l)).join("\n"));
    execFileSync("nix-instantiate", ["--parse", flake], { stdio: ["ignore", "ignore", "pipe"] });

    const again = lint(dir, ["--fix"]);
    expect(fs.readFileSync(flake, "utf8")).toBe(fixed);
    expect(again.summary.fixed).toBe(0);
    // What is left is what uv does not provide yet, each with its `uv add` (tools with --dev).
    const left = again.diagnostics.filter((d) => d.rule === "nix-no-python-packages");
    const text = (d: (typeof left)[number]) => fixed.split("\n")[d.range.start.line - 1]!.trim();
    expect(left.map(text)).toEqual([
      ...ENV.filter(([, declared]) => !declared).map(([attr]) => attr),
      ...LIST.flatMap(([attr, declared], i) => (declared ? [] : [listLine(attr, i).trim()])),
      fixed.split("\n").find((l) => l.includes("apps.train"))!.trim(),
    ]);
    const message = (needle: string) => left.find((d) => text(d).startsWith(needle))!.message;
    expect(message("scipy")).toContain("`uv add --package <member> scipy`, then remove it here");
    expect(message("pkgs.python312Packages.pytest-timeout")).toContain("`uv add --dev --package <member> pytest-timeout`");
    expect(message("pkgs.python312Packages.mypy")).toContain("`uv add --dev --package <member> mypy`");
    expect(message("pkgs.python312Packages.setuptools")).toContain("declare `setuptools` there");
    expect(message("apps.train")).toContain("libs/ml/pyproject.toml already declares (`numpy`)");
    expect(left.find((d) => text(d).startsWith("apps.train"))!.fix).toBeUndefined();
    expect(left.find((d) => text(d) === "scipy")!.fix).toMatchObject({ safety: "unsafe", description: "Replace with `pkgs.python312` (drops `scipy`, `pandas`, `ipython` from the shell until uv provides them)" });
  });
});

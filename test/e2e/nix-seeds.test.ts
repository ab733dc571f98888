import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, lintJson, makeRepo, positionOf, where } from "../harness/repo.js";
import { SEED000_FLAKE_MODULE, seed000Repo, seed003Repo } from "../harness/seeds.js";

const NIX_RULES = ["nix-no-python-packages", "nix-no-python-build", "nix-dev-shell-has-uv", "python-version-consistent"];
const MODULE = "nix/flake-module.nix";

describe("seed 000: Python packages from nixpkgs in a flake-parts module", () => {
  // Issue 10 item 9: the env's packages one by one, not the call nor `pythonEnv` in the list again.
  it("reports the withPackages env element by element, at the lines of nix/flake-module.nix", async () => {
    const dir = makeRepo(seed000Repo());
    const { report } = await lintJson(dir);
    const mine = report.diagnostics.filter((d) => NIX_RULES.includes(d.rule));
    const at = (needle: string, nth = 1) => {
      const p = positionOf(SEED000_FLAKE_MODULE, needle, nth);
      return `${MODULE}:${p.line}:${p.column} nix-no-python-packages`;
    };
    expect(where({ ...report, diagnostics: mine })).toEqual(
      ["torch", "torchvision", "torchaudio", "numpy", "scipy", "fastapi", "pytest", "ruff"].map((name) => at(`${name}\n`)),
    );
    const byLine = (needle: string) => mine.find((d) => d.range.start.line === positionOf(SEED000_FLAKE_MODULE, needle).line)!;
    expect(byLine("torch\n").message).toContain("`uv add --package <member> torch`");
    expect(byLine("pytest\n").message).toContain("`uv add --dev --package <member> pytest`");
    // The one unsafe replacement rides on the first package and names all it drops.
    expect(byLine("torch\n").fix).toMatchObject({ safety: "unsafe", description: expect.stringMatching(/^Replace with `python` \(drops `torch`, `torchvision`, .*`ruff` from the shell until uv provides them\)$/) });
    expect(mine.filter((d) => d.fix).length).toBe(1);
  });

  // Issue 10 item 1: nothing is declared in a pyproject.toml, so removing them would lose them.
  it("--fix changes nothing in the module (no package is declared); --unsafe-fixes gives the bare interpreter, which parses", async () => {
    const dir = makeRepo(seed000Repo());
    await cli(dir, ["--fix"]);
    expect(fs.readFileSync(path.join(dir, MODULE), "utf8")).toBe(SEED000_FLAKE_MODULE);

    await cli(dir, ["--fix", "--unsafe-fixes"]);
    const unsafe = fs.readFileSync(path.join(dir, MODULE), "utf8");
    expect(unsafe).toContain("pythonEnv = python;");
    execFileSync("nix-instantiate", ["--parse", path.join(dir, MODULE)], { stdio: ["ignore", "ignore", "pipe"] });
  });
});

describe("seed 003: a flake that follows the contract", () => {
  it("gives none of the Nix rules, in its flake or in the design doc's nix block", async () => {
    const dir = makeRepo(seed003Repo());
    const { report } = await lintJson(dir);
    expect(report.diagnostics.filter((d) => NIX_RULES.includes(d.rule)).map((d) => `${d.file}:${d.range.start.line} ${d.rule}: ${d.message}`)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { lintJson, makeRepo, positionOf, where } from "../harness/repo.js";
import { SEED000_FLAKE_MODULE, seed000, seed000Repo, seed003Repo } from "../harness/seeds.js";

describe("seed 000: a dev shell that pip-installs into ~/.local", () => {
  it("gives no-pip hits in its shellHook, its script and its docs, at the offending words", async () => {
    const dir = makeRepo(seed000Repo());
    const { report } = await lintJson(dir, ["--rule", "no-pip=error"]);
    const pip = report.diagnostics.filter((d) => d.rule === "no-pip");
    const at = (file: string, text: string, needle: string) => {
      const p = positionOf(text, needle);
      return `${file}:${p.line}:${p.column} no-pip`;
    };
    expect(where({ ...report, diagnostics: pip })).toEqual([
      at("docs/nix-dev-shell.md", seed000(), "python -m pip list --user"),
      at("nix/flake-module.nix", SEED000_FLAKE_MODULE, 'PYTHONUSERBASE="$HOME/.local"'),
      at("nix/flake-module.nix", SEED000_FLAKE_MODULE, "PIP_USER=1"),
      at("nix/flake-module.nix", SEED000_FLAKE_MODULE, "pip install --user -r requirements-dev.txt"),
      "verify-nix-setup.sh:4:1 no-pip",
    ]);
    const byLine = Object.fromEntries(pip.map((d) => [`${d.file}:${d.range.start.line}`, d]));
    const hook = byLine[`nix/flake-module.nix:${positionOf(SEED000_FLAKE_MODULE, "pip install --user").line}`]!;
    expect(hook.origin).toBe("nix:shell");
    expect(hook.message).toContain("writes to ~/.local");
    expect(byLine[`docs/nix-dev-shell.md:${positionOf(seed000(), "python -m pip list").line}`]!.origin).toBe("markdown:bash");
  });
});

describe("seed 003: a monorepo that follows the contract", () => {
  it("its design doc, flake and skills doc give no no-pip finding: their pip lines are counter-examples", async () => {
    const dir = makeRepo(seed003Repo());
    const { report, stderr } = await lintJson(dir);
    expect(stderr).toBe("");
    expect(report.diagnostics.filter((d) => d.rule === "no-pip")).toEqual([]);
    expect(report.diagnostics.filter((d) => d.rule === "parse-error")).toEqual([]);
  });

  it("the same doc with its ❌ markers removed does give findings (the markers are what silence them)", async () => {
    const files = seed003Repo();
    const doc = files["docs/plans/2025-11-15-nix-infrastructure-design.md"]!;
    const unmarked = doc.replace("❌ `pip install requests`", "`pip install requests`");
    const dir = makeRepo({ "docs/design.md": unmarked });
    const { report } = await lintJson(dir);
    expect(where(report).filter((w) => w.endsWith("no-pip")).length).toBeGreaterThan(0);
  });
});

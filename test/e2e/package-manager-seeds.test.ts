import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSnippet } from "../../src/embed/snippet.js";
import { nixShellSnippets } from "../../src/embed/nix-strings.js";
import { loadNixParser, parseNix } from "../../src/parse/nix.js";
import { OffsetMap } from "../../src/text/offset-map.js";
import { SourceFile } from "../../src/text/source-file.js";
import { cli, lintJson, makeRepo, where } from "../harness/repo.js";
import { seed000Repo, seed003 } from "../harness/seeds.js";

const RULES = ["no-pip", "no-uv-pip", "no-foreign-package-manager", "no-requirements-files", "no-bare-python"];

/** The shell scripts a Nix file holds, as bash would read them. */
async function shellHooks(nixText: string): Promise<string[]> {
  await loadNixParser();
  const host = new SourceFile("nix/flake-module.nix", nixText);
  const parent = makeSnippet({ host, text: nixText, language: "nix", map: OffsetMap.identity(0, nixText.length), origin: "nix" });
  return nixShellSnippets(parent, parseNix(nixText)).map((s) => s.text.replace(/__nix_interp_\d+__/g, "x"));
}

describe("seed 000 (issue 3): --fix on the broken dev shell", () => {
  // The project is one uv project at the root, so the member every command belongs to is certain.
  const files = { ...seed000Repo(), "pyproject.toml": '[project]\nname = "lattice-compositor"\nversion = "0.1.0"\nrequires-python = ">=3.13"\n' };

  it("reports each package-manager misuse before fixing", async () => {
    const dir = makeRepo(files);
    const { report } = await lintJson(dir, ["--rule", "no-bare-python=error"]);
    expect(where(report).filter((w) => RULES.some((r) => w.endsWith(` ${r}`)))).toEqual([
      "docs/nix-dev-shell.md:82:1 no-pip",
      "docs/nix-dev-shell.md:87:1 no-bare-python",
      "nix/flake-module.nix:27:18 no-pip",
      "nix/flake-module.nix:28:18 no-pip",
      "nix/flake-module.nix:33:13 no-pip",
      "requirements-dev.txt:1:1 no-requirements-files",
      "verify-nix-setup.sh:3:1 no-bare-python",
      "verify-nix-setup.sh:4:1 no-pip",
    ]);
  });

  it("writes exactly the expected files (snapshot), the fixed shellHook parses with bash -n, a second --fix changes nothing", async () => {
    const dir = makeRepo(files);
    const dry = await cli(dir, ["--fix-dry-run", "--unsafe-fixes"]);
    await expect(dry.stdout).toMatchFileSnapshot("./snapshots/seed-000-fix.diff");
    const fixed = await cli(dir, ["--fix", "--unsafe-fixes"]);
    expect(fixed.stderr).toBe("");
    for (const [rel, before] of Object.entries(files)) {
      const after = fs.readFileSync(path.join(dir, rel), "utf8");
      if (rel === "nix/flake-module.nix" || rel === "verify-nix-setup.sh" || rel === "docs/nix-dev-shell.md") continue;
      expect(after, `${rel} untouched`).toBe(before);
    }
    const module = fs.readFileSync(path.join(dir, "nix/flake-module.nix"), "utf8");
    expect(module).toContain("uv add --package lattice-compositor -r requirements-dev.txt");
    for (const script of [...(await shellHooks(module)), fs.readFileSync(path.join(dir, "verify-nix-setup.sh"), "utf8")]) {
      const r = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
    }
    const nix = spawnSync("nix-instantiate", ["--parse", path.join(dir, "nix/flake-module.nix")], { encoding: "utf8" });
    expect(nix.status, nix.stderr).toBe(0);
    const again = await lintJson(dir, ["--fix", "--unsafe-fixes"]);
    expect(again.report.summary.fixed).toBe(0);
  });
});

describe("seed 003 (issue 3): the design doc's pip lines are counter-examples", () => {
  it("gives zero findings from the package-manager rules", async () => {
    const dir = makeRepo({ "docs/design.md": seed003() });
    const { report } = await lintJson(dir, RULES.flatMap((r) => ["--rule", `${r}=error`]));
    expect(report.diagnostics.filter((d) => RULES.includes(d.rule)).map((d) => `${d.range.start.line}: ${d.message}`)).toEqual([]);
  });
});

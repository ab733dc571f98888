import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRules } from "../../rules/index.js";
import { loadConfig } from "../../src/config/load.js";
import { kindFromPath } from "../../src/discover/kind.js";
import type { Diagnostic } from "../../src/engine/diagnostic.js";
import { createEnv, lintText } from "../../src/engine/run.js";
import { MAX_REMEMBERED, rememberQuiet } from "../../src/engine/quiet-snippets.js";
import { writeRealShapedRepo } from "../../tools/synth-repo.js";
import { makeRepo, writeFiles } from "../harness/repo.js";

// A documentation snippet that reported nothing is not linted again where the same snippet
// recurs in the same surroundings (src/engine/quiet-snippets.ts). Each case below puts one
// snippet where its surroundings change what it means, quiet first and then where it is not:
// every finding must be there as when each copy is linted on its own.

const FENCE = (body: string): string => "```sh\n" + body + "\n```\n";

const NIX = "devShells.default = pkgs.mkShell {\n  packages = [ pkgs.uv pkgs.python311 pkgs.python311Packages.numpy ];\n};";

const CASES: Record<string, string> = {
  // quiet where the doc announces the script; missing where it does not
  "docs/a-announced.md": `# New script\n\nCreate: scripts/new-tool.sh\n\n${FENCE("bash scripts/new-tool.sh")}`,
  "docs/b-plain.md": `# Run it\n\n${FENCE("bash scripts/new-tool.sh")}`,
  // the script lies in the member that owns the README, not at the root
  "packages/evio-core/README.md": `# Core\n\n${FENCE("uv run python tools/calibrate.py")}`,
  "docs/c-root.md": `# Calibrate\n\n${FENCE("uv run python tools/calibrate.py")}`,
  // run-from-root reads past the command: a comment in inline code runs on into the sentence
  "docs/d-comment.md": "# Tests\n\nRun `cd packages/evio-core && uv run pytest # the tests`\n```sh\necho done\n```\n",
  "docs/e-comment.md": "# Tests\n\nRun `cd packages/evio-core && uv run pytest # the tests` and then\nmore prose.\n",
  // and back before a `cd` for a subshell's parenthesis
  "docs/f-paren.md": "# Sub\n\n(`cd packages/evio-core && uv run pytest`)\n",
  "docs/g-paren.md": "# Sub\n\nSee `cd packages/evio-core && uv run pytest`\n",
  // the config turns no-pip off for some files of the folder
  "docs/legacy-install.md": `# Setup\n\n${FENCE("pip install flask")}`,
  "docs/l-after-legacy.md": `# Setup\n\n${FENCE("pip install flask")}`,
  // and nix-no-python-packages for others: the same flake fragment, quiet and then not
  "docs/legacy-shell.md": `# Setup\n\n\`\`\`nix\n${NIX}\n\`\`\`\n`,
  "docs/m-shell.md": `# Setup\n\n\`\`\`nix\n${NIX}\n\`\`\`\n`,
  // a counter-example line, then the same command as an instruction
  "docs/h-counter.md": `# Do not\n\n${FENCE("pip install requests # ❌ wrong")}`,
  "docs/i-instruction.md": `# Do\n\n${FENCE("pip install requests")}`,
  // the same block, in a list (its lines lose their indent) and at the top level
  "docs/j-list.md": "# Steps\n\n1. Install:\n\n   ```sh\n   pip install numpy\n   ```\n\n2. Again:\n\n   ```sh\n   pip install numpy\n   ```\n",
  "docs/k-top.md": `# Steps\n\n${FENCE("pip install numpy")}${FENCE("pip install numpy")}`,
};

async function lintAll(dir: string, files: readonly string[], skipQuietCopies: boolean): Promise<Diagnostic[]> {
  const rules = await loadRules();
  const env = { ...createEnv({ rootAbs: dir, config: loadConfig(dir, rules), rules }), skipQuietCopies };
  const out: Diagnostic[] = [];
  for (const file of files) {
    const kind = kindFromPath(file) ?? "other";
    out.push(...(await lintText(file, kind, fs.readFileSync(path.join(dir, file), "utf8"), env)).diagnostics);
  }
  return out;
}

const markdownFiles = (dir: string): string[] =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/")).filter((f) => f.endsWith(".md")).sort();

describe("copies of a quiet documentation snippet", () => {
  it("report what each copy reports when linted on its own, however its surroundings change it", async () => {
    const dir = makeRepo({});
    writeRealShapedRepo(dir);
    const config = { overrides: [{ files: ["docs/legacy-*.md"], rules: { "no-pip": "off", "nix-no-python-packages": "off" } }] };
    writeFiles(dir, { ...CASES, "packages/evio-core/tools/calibrate.py": "print('ok')\n", ".evio-lint.json": JSON.stringify(config) });
    const files = Object.keys(CASES);
    const every = await lintAll(dir, files, false);
    expect(await lintAll(dir, files, true)).toEqual(every);

    // The surroundings make a difference, so the comparison above means something.
    const at = (file: string) => every.filter((d) => d.file === file).map((d) => d.rule);
    expect(at("docs/a-announced.md")).toEqual([]);
    expect(at("docs/b-plain.md")).toContain("run-path-exists");
    expect(at("docs/legacy-install.md")).toEqual([]);
    expect(at("docs/l-after-legacy.md")).toEqual(["no-pip"]);
    expect(at("docs/legacy-shell.md")).toEqual([]);
    expect(at("docs/m-shell.md")).toEqual(["nix-no-python-packages"]);
    expect(at("docs/e-comment.md")).toEqual(["run-from-root"]);
    expect(every.find((d) => d.file === "docs/e-comment.md")!.message).toMatch(/the `cd` also applies to the lines after it/);
    expect(every.find((d) => d.file === "docs/d-comment.md")!.message).not.toMatch(/lines after it/);
    expect(at("docs/h-counter.md")).toEqual([]);
    expect(at("docs/i-instruction.md")).toContain("no-pip");
    expect(at("docs/j-list.md").filter((r) => r === "no-pip")).toHaveLength(2);
    expect(at("docs/k-top.md").filter((r) => r === "no-pip")).toHaveLength(2);
  });

  it("report on the benchmark's documents, and on copies with some commands made wrong, as when every copy is linted", async () => {
    const dir = makeRepo({});
    writeRealShapedRepo(dir);
    const originals = markdownFiles(dir);
    expect(originals).toHaveLength(40);
    // Every other `uv add` becomes `pip install`, every third `uv run --package M` a `cd` into
    // the member: quiet copies of each snippet come first (the originals), then wrong ones.
    const variants: Record<string, string> = {};
    for (const file of originals) {
      let n = 0;
      variants[file.replace(/\.md$/, ".wrong.md")] = fs
        .readFileSync(path.join(dir, file), "utf8")
        .replace(/uv add --package [\w-]+/g, (m) => (n++ % 2 === 0 ? "pip install" : m))
        .replace(/uv run --package ([\w-]+)/g, (m, member: string) => (n++ % 3 === 0 ? `cd ${member.startsWith("evio-") ? "packages" : "apps"}/${member} && uv run` : m))
        .replace(/packages = \[ pkgs\.uv pkgs\.python311 \];/g, (m) => (n++ % 2 === 0 ? "packages = [ pkgs.uv pkgs.python311 pkgs.python311Packages.numpy ];" : m));
    }
    writeFiles(dir, variants);
    const files = [...originals, ...Object.keys(variants).sort()];
    const every = await lintAll(dir, files, false);
    expect(new Set(every.map((d) => d.rule))).toEqual(new Set(["no-pip", "run-from-root", "nix-no-python-packages"]));
    expect(every.length).toBeGreaterThan(200);
    expect(await lintAll(dir, files, true)).toEqual(every);
  });

  it("are remembered up to a bound: a language server's run edits snippets for hours", () => {
    const quiet = new Set<string>();
    for (let i = 0; i <= MAX_REMEMBERED * 2; i++) rememberQuiet(quiet, `key ${i}`);
    expect(quiet.size).toBeLessThanOrEqual(MAX_REMEMBERED);
    expect(quiet.has(`key ${MAX_REMEMBERED * 2}`)).toBe(true);
  });
});

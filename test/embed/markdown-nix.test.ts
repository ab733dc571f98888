import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { defineRule } from "../../src/engine/define-rule.js";
import { loadRules } from "../../rules/index.js";
import { createEnv } from "../../src/engine/run.js";
import { markdownSnippets, DEFAULT_COUNTER_EXAMPLE_MARKERS } from "../../src/embed/markdown/blocks.js";
import { nixFragment } from "../../src/embed/nix-fragment.js";
import { fixText } from "../../src/fix/apply.js";
import { loadNixParser, parseNix } from "../../src/parse/nix.js";
import { SourceFile } from "../../src/text/source-file.js";
import { isCatalogueCommand } from "../../src/facts/shell/command-words.js";
import { lintJson, makeRepo, positionOf } from "../harness/repo.js";

// contract.md, "Added 2026-12": Nix fragments in Markdown are linted as if wrapped in `{ }` / `[ ]`;
// hosts nest (Markdown -> Nix -> shell), and positions are always in the .md file.

const md = (...lines: string[]): string => lines.join("\n") + "\n";
const nixBlock = (...body: string[]): string[] => ["```nix", ...body, "```"];

const WORKSPACE = {
  "pyproject.toml": '[project]\nname = "root"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n\n[tool.uv.workspace]\nmembers = ["evio"]\n',
  "evio/pyproject.toml": '[project]\nname = "evio"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n',
};

/** `line:column rule` of each finding in docs/guide.md, the rules that read Nix and shell. */
async function findings(doc: string): Promise<string[]> {
  const dir = makeRepo({ ...WORKSPACE, "docs/guide.md": doc });
  const { report, stderr } = await lintJson(dir, ["docs/guide.md"]);
  expect(stderr).toBe("");
  return report.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.rule}`);
}

/** `line:column rule` where `needle` (the n-th one) starts in `doc`. */
const at = (doc: string, needle: string, rule: string, nth = 1): string => {
  const p = positionOf(doc, needle, nth);
  return `${p.line}:${p.column} ${rule}`;
};

describe("Nix fragments in ```nix blocks: linted as if wrapped, at their place in the .md file", () => {
  it("a binding list: `name = pkgs.mkShell { ... };` gives its dev-shell list and its shellHook", async () => {
    const doc = md(
      "# Hackathon shell",
      "",
      "Add this to `flake.nix`:",
      "",
      ...nixBlock(
        "hackathon = pkgs.mkShell {",
        "  packages = [ pkgs.python3Packages.numpy pkgs.uv ];",
        "  shellHook = ''",
        "    pip install x",
        "  '';",
        "};",
      ),
    );
    expect(await findings(doc)).toEqual([
      at(doc, "pkgs.python3Packages.numpy", "nix-no-python-packages"),
      at(doc, "pip install x", "no-pip"),
    ]);
    expect(at(doc, "pkgs.python3Packages.numpy", "x")).toBe("7:16 x");
    expect(at(doc, "pip install x", "x")).toBe("9:5 x");
  });

  it("a lone `shellHook = '' ... '';` binding", async () => {
    const doc = md("Then:", "", ...nixBlock("shellHook = ''", "  pip install y", "'';"));
    expect(await findings(doc)).toEqual(["5:3 no-pip"]);
  });

  it("a dev shell's body (bindings with `packages`), in the docs' scope (`python3Packages` is nixpkgs')", async () => {
    const doc = md(...nixBlock("packages = [ pkgs.uv python3Packages.torch ];", "buildInputs = [ pkgs.python3 ];"));
    expect(await findings(doc)).toEqual(["2:22 nix-no-python-packages"]);
  });

  it("a bare list, and list elements one per line", async () => {
    const doc = md(
      ...nixBlock("[ pkgs.uv python3Packages.scipy ]"),
      "",
      "or:",
      "",
      ...nixBlock("pkgs.uv", "python3Packages.pandas", "pkgs.git"),
    );
    expect(await findings(doc)).toEqual([at(doc, "python3Packages.scipy", "nix-no-python-packages"), "9:1 nix-no-python-packages"]);
  });

  it("an expression that assumes `pkgs`, and `...` standing for the rest", async () => {
    const doc = md(
      ...nixBlock("pkgs.mkShell {", "  packages = [ pkgs.uv python3Packages.requests ];", "  ...", "}"),
      "",
      ...nixBlock("devShells.default = pkgs.mkShell {", "  packages = [ pkgs.uv … python311Packages.rich ];", "};"),
    );
    expect(await findings(doc)).toEqual([at(doc, "python3Packages.requests", "nix-no-python-packages"), at(doc, "python311Packages.rich", "nix-no-python-packages")]);
  });

  it("nested hosts: a list item's blockquote -> Nix bindings -> shellHook -> bash -c -> pip, at the .md column", async () => {
    const doc = md(
      "- Step 1:",
      "",
      "  > ```nix",
      "  > dev = pkgs.mkShell {",
      "  >   shellHook = ''",
      "  >     export X=1; bash -c 'cd /tmp && pip install z'",
      "  >   '';",
      "  > };",
      "  > ```",
    );
    expect(await findings(doc)).toEqual(["6:41 no-pip"]);
    expect(at(doc, "pip install z", "no-pip")).toBe("6:41 no-pip");
  });

  it("no parse-error and no guess for a block that is not Nix even wrapped; a package build's body is no dev shell", async () => {
    const doc = md(
      ...nixBlock("this is = = not nix ;", "shellHook = ''", "  pip install x"),
      "",
      ...nixBlock('pname = "evio";', 'version = "0.1.0";', "propagatedBuildInputs = [ python3Packages.numpy ];"),
    );
    expect(await findings(doc)).toEqual([]);
  });

  it("counter-examples stay silent: a lead-in, and a `# Wrong` region inside the fragment", async () => {
    const doc = md(
      "Wrong:",
      "",
      ...nixBlock("packages = [ python3Packages.numpy ];"),
      "",
      ...nixBlock("# Wrong", "buildInputs = [ python3Packages.torch ];", "# Right", "packages = [ pkgs.uv python3Packages.scipy ];"),
    );
    expect(await findings(doc)).toEqual([at(doc, "python3Packages.scipy", "nix-no-python-packages")]);
  });

  it("a whole file in a block is read as it is", async () => {
    const doc = md(...nixBlock("{ pkgs }: pkgs.mkShell {", "  packages = [ pkgs.uv pkgs.python3Packages.numpy ];", "}"));
    expect(await findings(doc)).toEqual(["3:24 nix-no-python-packages"]);
  });
});

describe("nixFragment: the wrapped text is Nix, and maps back to the block", () => {
  const cases = [
    { name: "binding list", body: "hackathon = pkgs.mkShell {\n  packages = [ pkgs.uv ];\n};", word: "pkgs.uv", line: 3, column: 16 },
    { name: "shell body", body: "packages = [ pkgs.uv ];\nshellHook = ''\n  uv sync\n'';", word: "uv sync", line: 4, column: 3 },
    { name: "bare list", body: "[ pkgs.uv ]", word: "pkgs.uv", line: 2, column: 3 },
    { name: "elements", body: "pkgs.uv\npkgs.git", word: "pkgs.git", line: 3, column: 1 },
    { name: "ellipsis", body: "packages = [ pkgs.uv ... ];\n...", word: "pkgs.uv", line: 2, column: 14 },
    { name: "expression", body: "pkgs.mkShell { packages = [ pkgs.uv ]; }", word: "pkgs.uv", line: 2, column: 29 },
  ];
  it.each(cases)("$name", async ({ body, word, line, column }) => {
    await loadNixParser();
    const host = new SourceFile("docs/a.md", md("```nix", ...body.split("\n"), "```"));
    const block = markdownSnippets(host, { counterExampleMarkers: DEFAULT_COUNTER_EXAMPLE_MARKERS, inlineCode: true, isCommandName: isCatalogueCommand }).snippets[0]!;
    const fragment = nixFragment(block, parseNix);
    expect(fragment.parses).toBe(true);
    // Ground truth: Nix itself accepts the wrapped text.
    const file = path.join(makeRepo({}, { git: false }), "x.nix");
    fs.writeFileSync(file, fragment.snippet.text);
    execFileSync("nix-instantiate", ["--parse", file], { stdio: ["ignore", "ignore", "pipe"] });
    const i = fragment.snippet.text.indexOf(word);
    const r = fragment.snippet.map.toHostRange({ start: i, end: i + word.length });
    expect({ ...host.positionAt(r.start), text: host.slice(r) }).toMatchObject({ line, column, text: word });
  });
});

describe("fixes in Markdown-embedded Nix must leave the block parsing", () => {
  it("a fix that would break a ```nix fragment is dropped and reported; the document is untouched", async () => {
    // A deliberately broken rule, to prove the fixer guards documentation's Nix too.
    const breaker = defineRule({
      id: "test-nix-breaker",
      severity: "error",
      fix: "safe",
      messages: { m: "test" },
      docs: { summary: "t", why: "t", examples: [], fixSafety: "t" },
      on: {
        nix(facts, ctx) {
          const p = facts.devShells[0]?.packages[0];
          if (p) ctx.report(p.at.range, "m", undefined, { fix: { safety: "safe", description: "break", edits: [ctx.replace(p.at.range, "] ; [")] } });
        },
      },
    });
    const doc = md("```nix", "packages = [ pkgs.uv ];", "```");
    const dir = makeRepo({ "docs/a.md": doc });
    const rules = [...(await loadRules()), breaker];
    const env = createEnv({ rootAbs: dir, config: loadConfig(dir, rules), rules });
    const outcome = await fixText("docs/a.md", "markdown", doc, env, { unsafe: false });
    expect(outcome.text).toBe(doc);
    expect(outcome.dropped).toEqual([{ rule: "test-nix-breaker", message: "test", offset: 20, reason: "the result does not parse (a ```nix block of the document no longer parses)" }]);
  });
});

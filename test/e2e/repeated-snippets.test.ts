import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, lintJson, makeRepo, where } from "../harness/repo.js";

// Shell and Nix trees are kept per text for the run (docs repeat one command or one flake fragment
// in section after section), so one tree serves many snippets: each finding must still be placed
// in its own snippet, and fixing one copy must leave the others to their own fix.

const DOC = `# Setup

\`\`\`sh
pip install requests
\`\`\`

Then \`pip install requests\` again.

\`\`\`nix
devShells.default = pkgs.mkShell {
  packages = [ pkgs.uv pkgs.python311Packages.requests ];
};
\`\`\`

## Again

\`\`\`sh
pip install requests
\`\`\`

\`\`\`nix
devShells.default = pkgs.mkShell {
  packages = [ pkgs.uv pkgs.python311Packages.requests ];
};
\`\`\`
`;

const WORKSPACE = {
  "pyproject.toml": '[project]\nname = "root"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
  "packages/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = ["requests"]\n',
  "uv.lock": 'version = 1\nrequires-python = ">=3.11"\n\n[manifest]\nmembers = ["core", "root"]\n',
};

describe("a snippet repeated across a document and across files", () => {
  it("is reported at each place it is written", async () => {
    const repo = makeRepo({ ...WORKSPACE, "docs/a.md": DOC, "docs/b.md": `Intro line.\n\n${DOC}` });
    const { report } = await lintJson(repo);
    const found = where(report).filter((w) => w.startsWith("docs/"));
    expect(found).toEqual([
      "docs/a.md:4:1 no-pip",
      "docs/a.md:7:7 no-pip",
      "docs/a.md:11:24 nix-no-python-packages",
      "docs/a.md:18:1 no-pip",
      "docs/a.md:23:24 nix-no-python-packages",
      // two lines further down, the same text: its own positions, not the first file's
      "docs/b.md:6:1 no-pip",
      "docs/b.md:9:7 no-pip",
      "docs/b.md:13:24 nix-no-python-packages",
      "docs/b.md:20:1 no-pip",
      "docs/b.md:25:24 nix-no-python-packages",
    ]);
  });

  it("is fixed in every copy by one --fix, and a second --fix changes nothing", async () => {
    const repo = makeRepo({ ...WORKSPACE, "docs/a.md": DOC, "docs/b.md": DOC });
    await cli(repo, ["--fix"]);
    const fixed = DOC.replaceAll("[ pkgs.uv pkgs.python311Packages.requests ]", "[ pkgs.uv ]");
    for (const f of ["docs/a.md", "docs/b.md"]) expect(fs.readFileSync(path.join(repo, f), "utf8")).toBe(fixed);
    await cli(repo, ["--fix"]);
    for (const f of ["docs/a.md", "docs/b.md"]) expect(fs.readFileSync(path.join(repo, f), "utf8")).toBe(fixed);
  });
});

describe("a repeated Nix fragment with a shellHook", () => {
  // One tree, one reading of it, one list of its shell strings: each copy's commands still land
  // on that copy's lines and columns, also where a list item indents the block, and a copy whose
  // counter-example marker blanks a line is read on its own.
  const FRAGMENT = "devShells.default = pkgs.mkShell {\n  shellHook = ''\n    pip install requests\n  '';\n};";
  const fence = (indent: string) => ["```nix", ...FRAGMENT.split("\n"), "```"].map((l) => indent + l).join("\n");
  const doc = [
    "# Shell",
    "",
    fence(""),
    "",
    "- In a list:",
    "",
    fence("  "),
    "",
    "```nix",
    "devShells.default = pkgs.mkShell {",
    "  shellHook = ''",
    "    # ❌ wrong:",
    "    pip install requests",
    "  '';",
    "};",
    "```",
    "",
    fence(""),
    "",
  ].join("\n");

  it("reports the hook's command in each copy at its own place, and not in the marked copy (line 25)", async () => {
    const repo = makeRepo({ ...WORKSPACE, "docs/shell.md": doc });
    const { report } = await lintJson(repo);
    expect(where(report).filter((w) => w.startsWith("docs/"))).toEqual(["docs/shell.md:6:5 no-pip", "docs/shell.md:16:7 no-pip", "docs/shell.md:33:5 no-pip"]);
  });
});

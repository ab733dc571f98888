import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { nixShellSnippets } from "../../src/embed/nix-strings.js";
import { makeSnippet, wholeFileSnippet, type Snippet } from "../../src/embed/snippet.js";
import { loadNixParser, parseNix } from "../../src/parse/nix.js";
import { OffsetMapBuilder } from "../../src/text/offset-map.js";
import type { Range } from "../../src/text/range.js";
import { SourceFile } from "../../src/text/source-file.js";

beforeAll(() => loadNixParser());

function snippetsOf(text: string, path = "flake.nix"): Snippet[] {
  const parent = wholeFileSnippet(new SourceFile(path, text), "nix", "nix", ".");
  return nixShellSnippets(parent, parseNix(parent.text));
}

function nix(args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const run = spawnSync("nix-instantiate", args, { encoding: "utf8" });
  if (run.error) throw run.error;
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr };
}

function nixEval(expr: string): unknown {
  const run = nix(["--eval", "--strict", "--json", "--expr", expr]);
  if (!run.ok) throw new Error(`nix-instantiate failed on ${JSON.stringify(expr)}:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Every snippet character outside opaque segments is the host character it maps to. */
function expectVerbatimMap(snippet: Snippet): void {
  let checked = 0;
  for (const seg of snippet.map.segments) {
    if (seg.kind !== "verbatim") continue;
    for (let i = seg.snippetStart; i < seg.snippetEnd; i++) {
      expect(snippet.host.text[snippet.map.toHost(i)], `snippet offset ${i}`).toBe(snippet.text[i]);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
}

/** The snippet's text with each `__nix_interp_N__` replaced by the string literal it stands for. */
function withInterpolations(snippet: Snippet): string {
  let text = snippet.text;
  for (const r of [...snippet.opaque].reverse()) {
    const source = snippet.host.text.slice(snippet.map.toHost(r.start, "start"), snippet.map.toHost(r.end, "end"));
    expect(source).toMatch(/^\$\{".*"\}$/s);
    text = text.slice(0, r.start) + (JSON.parse(source.slice(2, -1)) as string) + text.slice(r.end);
  }
  return text;
}

function hostPosition(snippet: Snippet, r: Range): { line: number; column: number; text: string } {
  const host = snippet.map.toHostRange(r);
  const { line, column } = snippet.host.positionAt(host.start);
  return { line, column, text: snippet.host.text.slice(host.start, host.end) };
}

function rangeOf(snippet: Snippet, word: string): Range {
  const start = snippet.text.indexOf(word);
  expect(start, `${JSON.stringify(word)} in ${JSON.stringify(snippet.text)}`).toBeGreaterThanOrEqual(0);
  return { start, end: start + word.length };
}

describe("which strings are shell", () => {
  const cases: {
    name: string;
    code: string;
    path?: string;
    expected: { text: string; cwd: string | null; buildTime?: true }[];
  }[] = [
    {
      name: "mkShell shellHook in a root flake",
      code: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.uv ]; shellHook = ''\n  uv sync\n''; }",
      expected: [{ text: "uv sync\n", cwd: "." }],
    },
    {
      name: "shellHook in a nested file runs in its folder",
      path: "nix/devshell.nix",
      code: '{ pkgs }: { devShells.default = pkgs.mkShell { shellHook = "uv sync"; }; }',
      expected: [{ text: "uv sync", cwd: "nix" }],
    },
    {
      name: "writeShellScriptBin via pkgs",
      code: '{ pkgs }: pkgs.writeShellScriptBin "fmt" \'\'\n  uv run ruff format\n\'\'',
      expected: [{ text: "uv run ruff format\n", cwd: "." }],
    },
    {
      name: "writeShellScript under with pkgs",
      code: '{ pkgs }: with pkgs; [ (writeShellScript "a" "uv run a") ]',
      expected: [{ text: "uv run a", cwd: "." }],
    },
    {
      name: "writeShellApplication text",
      code: '{ pkgs }: pkgs.writeShellApplication { name = "x"; runtimeInputs = [ ]; text = \'\'\n  uv run x\n\'\'; }',
      expected: [{ text: "uv run x\n", cwd: "." }],
    },
    {
      name: "runCommand family runs at build time",
      code: [
        "{ pkgs }: [",
        '  (pkgs.runCommand "a" { } "echo a > $out")',
        '  (pkgs.runCommandLocal "b" { } \'\'echo b > $out\'\')',
        '  (pkgs.runCommandCC "c" { } "echo c")',
        '  (pkgs.runCommandNoCC "d" { } "echo d")',
        "]",
      ].join("\n"),
      expected: [
        { text: "echo a > $out", cwd: null, buildTime: true },
        { text: "echo b > $out", cwd: null, buildTime: true },
        { text: "echo c", cwd: null, buildTime: true },
        { text: "echo d", cwd: null, buildTime: true },
      ],
    },
    {
      name: "each literal of a + concatenation",
      code: "{ pkgs, lib }: pkgs.mkShell {\n  shellHook = ''\n    a\n  '' + lib.optionalString true ''\n    b\n  '' + (\"c\");\n}",
      expected: [
        { text: "a\n", cwd: "." },
        { text: "b\n", cwd: "." },
        { text: "c", cwd: "." },
      ],
    },
    {
      name: "a script inside a shellHook interpolation",
      code: '{ pkgs }: pkgs.mkShell { shellHook = "${pkgs.writeShellScript "w" "uv run w"} --x"; }',
      expected: [
        { text: "__nix_interp_0__ --x", cwd: "." },
        { text: "uv run w", cwd: "." },
      ],
    },
    {
      name: "strings that are not shell",
      code: '{ pkgs }: pkgs.mkShell { name = "pip"; description = \'\'pip install x\'\'; text = "pip"; shellHook = builtins.readFile ./hook.sh; }',
      expected: [],
    },
  ];

  it.each(cases)("$name", ({ code, path, expected }) => {
    const snippets = snippetsOf(code, path);
    expect(
      snippets.map((s) => ({ text: s.text, cwd: s.cwd, ...(s.buildTime ? { buildTime: true } : {}) })),
    ).toEqual(expected);
    for (const s of snippets) {
      expect(s).toMatchObject({ language: "shell", origin: "nix:shell", inDocs: false });
    }
  });
});

describe("snippet text equals what Nix evaluates", () => {
  const strings: { name: string; literal: string }[] = [
    { name: "common indentation", literal: "''\n    echo a\n    echo b\n  ''" },
    { name: "deeper lines keep their extra indentation", literal: "''\n  if x; then\n      y\n  fi\n''" },
    { name: "blank and whitespace-only lines", literal: "''\n    a\n\n  \n        \n    b\n''" },
    { name: "tabs are content, not indentation", literal: "''\n  \ta\n  b\n\t c\n''" },
    { name: "content on the opening line", literal: "''  first\n  second''" },
    { name: "spaces after the opening quotes", literal: "''   \n    a\n    b\n      ''" },
    { name: "last line with content is kept", literal: "''\n  a\n    b''" },
    {
      name: "escapes",
      literal: "''\n  echo ''$HOME '''q''' ''\\n ''\\t ''\\q ''${x}\n  a$$b $${c}\n''",
    },
    {
      name: "interpolations of literals",
      literal: "''\n  ${\"X\"}/bin/pip install\n    a ${\"Y\"} b\n   ${\"Z\"}\n''",
    },
    { name: "an interpolation sets the indentation", literal: "''\n    a\n  ${\"X\"}\n    b\n''" },
    { name: "escaped newline starts a line for stripping", literal: "''\n  a''\\n     b\n  c\n''" },
    { name: "quotes and dollars", literal: "''\n  it's '${\"X\"}' $ a' b$\n  x $''" },
    { name: "CRLF keeps its indentation", literal: "''\r\n  a\r\n  b\r\n''" },
    {
      name: "double-quoted escapes",
      literal: '"a \\"q\\" \\\\ \\n \\t \\$HOME \\${x} $${y} $$ ${"X"} z\\q"',
    },
    { name: "double-quoted raw newlines and CR", literal: '"a\n  b\r\nc\rd"' },
  ];
  let evaluated: unknown[] = [];

  beforeAll(() => {
    evaluated = nixEval(`[ ${strings.map((s) => `(${s.literal})`).join(" ")} ]`) as unknown[];
  });

  it.each(strings.map((s, index) => ({ ...s, index })))("$name", ({ literal, index }) => {
    const snippets = snippetsOf(`{\n  shellHook = ${literal};\n}\n`);
    expect(snippets).toHaveLength(1);
    const snippet = snippets[0]!;
    expect(withInterpolations(snippet)).toBe(evaluated[index]);
    expectVerbatimMap(snippet);
    for (const r of snippet.opaque) expect(snippet.text.slice(r.start, r.end)).toMatch(/^__nix_interp_\d+__$/);
  });
});

describe("positions in the host file", () => {
  const flake = [
    "{",
    "  # ❌ é 😀 must not shift columns",
    "  outputs = { self, nixpkgs }:",
    "    let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {",
    "      devShells.x86_64-linux.default = pkgs.mkShell {",
    "        shellHook = ''",
    '          echo "❌ é 😀"',
    "          pip install requests",
    "          ${pkgs.python3}/bin/pip install x",
    "        '';",
    "      };",
    '      packages.x86_64-linux.default = pkgs.writeShellScriptBin "x" "echo 😀; pip install y";',
    "    };",
    "}",
    "",
  ].join("\n");

  it("maps a word of an indented shellHook to its line and column", () => {
    const snippet = snippetsOf(flake)[0]!;
    expect(snippet.text).toBe('echo "❌ é 😀"\npip install requests\n__nix_interp_0__/bin/pip install x\n');
    expect(hostPosition(snippet, rangeOf(snippet, "pip"))).toEqual({ line: 8, column: 11, text: "pip" });
    expectVerbatimMap(snippet);
  });

  it("maps a word after an interpolation to the whole interpolation", () => {
    const snippet = snippetsOf(flake)[0]!;
    const word = rangeOf(snippet, "__nix_interp_0__/bin/pip");
    expect(snippet.opaque).toEqual([{ start: word.start, end: word.start + "__nix_interp_0__".length }]);
    expect(hostPosition(snippet, word)).toEqual({ line: 9, column: 11, text: "${pkgs.python3}/bin/pip" });
    expect(snippet.map.touchesOpaque(word)).toBe(true);
    expect(snippet.map.isVerbatim(rangeOf(snippet, "/bin/pip"))).toBe(true);
  });

  it("maps a word of a double-quoted string", () => {
    const snippet = snippetsOf(flake)[1]!;
    expect(snippet.text).toBe("echo 😀; pip install y");
    expect(hostPosition(snippet, rangeOf(snippet, "pip install y"))).toEqual({
      line: 12,
      column: 78,
      text: "pip install y",
    });
    expectVerbatimMap(snippet);
  });

  it("composes with the map of a fenced block in Markdown", () => {
    const markdown = [
      "# Setup ❌ é 😀",
      "",
      "1. Enter the shell:",
      "",
      "   ```nix",
      "   pkgs.mkShell {",
      "     shellHook = ''",
      "       export A=1",
      "       pip install requests",
      "     '';",
      "   }",
      "   ```",
      "",
    ].join("\n");
    const host = new SourceFile("docs/setup.md", markdown);
    // What the Markdown embedder does: strip the fence's 3-space indent from each line.
    const builder = new OffsetMapBuilder();
    for (let line = 6; line <= 11; line++) {
      const start = host.lineStart(line) + 3;
      builder.verbatim(markdown.slice(start, host.lineEnd(line) + 1), start);
    }
    const { text, map } = builder.build();
    const parent = makeSnippet({ host, text, language: "nix", map, origin: "markdown:nix", inDocs: true });
    const [snippet] = nixShellSnippets(parent, parseNix(parent.text));
    expect(snippet).toMatchObject({ origin: "markdown:nix:shell", inDocs: true, cwd: ".", language: "shell" });
    expect(snippet!.text).toBe("export A=1\npip install requests\n");
    expect(hostPosition(snippet!, rangeOf(snippet!, "pip install"))).toEqual({
      line: 9,
      column: 8,
      text: "pip install",
    });
    expectVerbatimMap(snippet!);
  });
});

describe("escaping replacement text for the host", () => {
  const cases: { name: string; host: string; target: string; replacement: string }[] = [
    { name: "plain", host: "''\n  pip install x\n''", target: "pip install x", replacement: "uv add x" },
    { name: "'' and ${", host: "''\n  pip install x\n''", target: "pip", replacement: "echo ''a'' ${HOME}" },
    { name: "trailing quote before ''", host: "''pip install x''", target: "pip install x", replacement: "uv add 'x'" },
    { name: "trailing $ before {", host: "''\n  pip x{y}\n''", target: "pip x", replacement: "echo $" },
    { name: "leading { after $", host: "''\n  a$pip\n''", target: "pip", replacement: "{b}" },
    { name: "quoted: quotes and backslashes", host: '"pip install x"', target: "pip", replacement: 'echo "a\\b"' },
    { name: "quoted: ${ and newline", host: '"pip install x"', target: "install", replacement: "${HOME}\nx" },
    { name: "quoted: trailing $ before {", host: '"pip x{y}"', target: "pip x", replacement: "echo $" },
    { name: "quoted: leading { after $", host: '"a$pip"', target: "pip", replacement: "{b}" },
  ];

  it.each(cases)("$name", ({ host, target, replacement }) => {
    const wrapped = `{ shellHook = ${host}; }.shellHook`;
    const [snippet] = snippetsOf(wrapped);
    const r = rangeOf(snippet!, target);
    expect(snippet!.map.isVerbatim(r)).toBe(true);
    const escaped = snippet!.escape(replacement);
    expect(escaped).not.toBeNull();
    const at = snippet!.map.toHostRange(r);
    const edited = wrapped.slice(0, at.start) + escaped + wrapped.slice(at.end);
    expect(nix(["--parse", "-E", edited]).ok).toBe(true);
    expect(nixEval(edited)).toBe(snippet!.text.slice(0, r.start) + replacement + snippet!.text.slice(r.end));
  });

  it("refuses a newline inside an indented string", () => {
    const [snippet] = snippetsOf("{ shellHook = ''\n  pip install x\n''; }");
    expect(snippet!.escape("a\nb")).toBeNull();
    expect(snippet!.escape("a")).toBe("a");
  });
});

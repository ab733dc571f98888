import { describe, expect, it } from "vitest";
import { nixParse } from "../harness/nix-parse.js";
import { loadNixParser, parseNix } from "../../src/parse/nix.js";
import { SourceFile } from "../../src/text/source-file.js";

const flakeUtils = `{
  inputs.flake-utils.url = "github:numtide/flake-utils";
  outputs = { self, nixpkgs, flake-utils }:
    flake-utils.lib.eachDefaultSystem (system:
      let pkgs = nixpkgs.legacyPackages.\${system};
      in {
        devShells.default = pkgs.mkShell {
          packages = with pkgs; [ uv python311 ];
          shellHook = ''
            export UV_PYTHON=\${pkgs.python311}/bin/python
            echo ''$HOME '''quoted''' ''\\n done
          '';
        };
      });
}`;

const flakeParts = `{
  outputs = inputs@{ flake-parts, ... }:
    flake-parts.lib.mkFlake { inherit inputs; } {
      systems = [ "x86_64-linux" ];
      perSystem = { pkgs, ... }: {
        devShells.default = pkgs.mkShell { packages = [ pkgs.uv ]; };
      };
    };
}`;

// Closed terms only: nix-instantiate --parse also rejects undefined variables.
const samples: { name: string; text: string; parses: boolean }[] = [
  { name: "flake with flake-utils", text: flakeUtils, parses: true },
  { name: "flake with flake-parts", text: flakeParts, parses: true },
  { name: "with pkgs;", text: "{ pkgs }: with pkgs; mkShell { packages = [ uv git ]; }", parses: true },
  { name: "let ... in", text: "let a = 1; b = a + 1; in { inherit a b; }", parses: true },
  { name: "rec {}", text: "rec { a = 1; b = a; }", parses: true },
  { name: "inherit (pkgs) x;", text: "{ pkgs }: { inherit (pkgs) uv python3; }", parses: true },
  { name: "indented escapes", text: "''\n  a ''$b '''c''' ''\\n ''\\t ${\"x\"}\n''", parses: true },
  { name: "path literals", text: "{ pkgs }: [ ./x.nix ../y/z.nix \"${./scripts/x.py}\" ]", parses: true },
  { name: "non-ASCII before code", text: "# ❌ é 😀\n{ a = \"❌ é 😀\"; }", parses: true },
  // nixfmt's style (RFC 166): a comma after the last formal, which the packaged grammar rejects.
  { name: "trailing comma after a formal", text: "{ lib, pkgs, }: lib", parses: true },
  { name: "trailing comma after a default", text: "{ x ? [ ], }: x", parses: true },
  { name: "trailing comma after a set default", text: "{ a ? { b = 1; }, c, }: a", parses: true },
  { name: "trailing comma, name@ pattern", text: "args@{ a, }: a", parses: true },
  { name: "trailing comma, @name pattern", text: "{ a, } @ args: a", parses: true },
  { name: "trailing comma before a comment", text: "{\n  a, # the first\n  /* more */\n}: a", parses: true },
  { name: "trailing commas, curried", text: "{ a, }:\n{ b, }@second:\na + b", parses: true },
  { name: "comma inside a URI default", text: "{ u ? https://example.org/a,b, }: u", parses: true },
  { name: "inherit nothing", text: "let x = { }; in { inherit; inherit (x); }", parses: true },
  { name: "a comma with no formal before it", text: "{ , }: 1", parses: false },
  { name: "a comma after the ellipsis", text: "{ ..., }: 1", parses: false },
  { name: "two commas", text: "{ a,, }: a", parses: false },
  { name: "a comma after ?", text: "{ a ? , }: a", parses: false },
  { name: "formals with no body", text: "{ a, }", parses: false },
  { name: "missing semicolon", text: "{ a = 1 }", parses: false },
  { name: "double semicolon", text: "{\n  a = 1;;\n}", parses: false },
  { name: "unterminated indented string", text: "{ a = ''foo; }", parses: false },
  { name: "unterminated string", text: '{ a = "foo; }', parses: false },
  { name: "unclosed list", text: "[ 1 2 ", parses: false },
  { name: "dangling operator", text: "let x = 1;\nin x +", parses: false },
  { name: "extra brace", text: "{ a = 1; } }", parses: false },
];

it("refuses to parse before the grammar is loaded", () => {
  expect(() => parseNix("1")).toThrow(/await loadNixParser\(\)/);
});

describe("parseNix", () => {
  it("loads the grammar once", async () => {
    await Promise.all([loadNixParser(), loadNixParser()]);
    await loadNixParser();
    expect(parseNix("1").problems).toEqual([]);
  });

  it.each(samples)("agrees with nix-instantiate --parse: $name", async ({ text, parses }) => {
    await loadNixParser();
    expect(nixParse(text).ok).toBe(parses);
    expect(parseNix(text).problems.length === 0).toBe(parses);
  });

  it("counts offsets in UTF-16 code units", async () => {
    await loadNixParser();
    const text = "# ❌ é 😀\n{ a = \"❌ é 😀\"; b = 2; }";
    const { root } = parseNix(text);
    const b = root.descendantsOfType("binding").find((n) => n.text.startsWith("b"))!;
    expect(b.startIndex).toBe(text.indexOf("b = 2"));
    expect(text.slice(b.startIndex, b.endIndex)).toBe("b = 2;");
  });

  it.each([
    { text: "# ❌ é 😀\n{\n  a = 1;;\n}", message: "unexpected `;`", slice: ";" },
    { text: "# ❌ é 😀\n{\n  a.b = 1;\n  c = x: in 1;\n}", message: "unexpected `in`", slice: "in" },
    { text: "# ❌ é 😀\nlet\n  f = x: x;\nin f 1 = 2", message: "unexpected `=`", slice: "=" },
    { text: "# ❌ é 😀\nlet\n  x = 1;\nin\n  { y = x; } }", message: "unexpected `}`", slice: "}" },
    { text: "{\n  lib,\n  pkgs,\n}:\n{ a = lib.x pkgs }", message: "unexpected `}`, missing `;`", slice: "}" },
    { text: "{\n  lib,\n}:\n{ a = lib;\n  b = ; }", message: "unexpected `;`, missing identifier", slice: ";" },
  ])("reports a syntax error where nix-instantiate does: $message", async ({ text, message, slice }) => {
    await loadNixParser();
    const file = new SourceFile("default.nix", text);
    const { problems } = parseNix(text);
    expect(problems).toHaveLength(1);
    const problem = problems[0]!;
    expect(problem.message).toBe(message);
    expect(text.slice(problem.range.start, problem.range.end)).toBe(slice);
    const { line, column } = file.positionAt(problem.range.start);
    const nix = nixParse(text);
    expect(nix.ok).toBe(false);
    expect({ line, column }).toEqual({ line: nix.line, column: nix.column });
  });

  it.each([
    { text: "{ a = 1 }", message: "unexpected `}`, missing `;`" },
    { text: "{ a = ''foo; }", message: "unterminated string" },
    { text: '{ a = "foo; }', message: "unterminated string" },
    { text: "{ a = ; }", message: "unexpected `;`, missing identifier" },
    // The re-parse blanks the trailing comma; what the user reads quotes the file as written.
    { text: "{ a = 1, b, }: 1", message: "unexpected `{ a = 1, b, }: 1`" },
  ])("describes the problem: $message", async ({ text, message }) => {
    await loadNixParser();
    expect(parseNix(text).problems.map((p) => p.message)).toEqual([message]);
  });
});

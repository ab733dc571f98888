import { describe, expect, it } from "vitest";
import { packageJsonSnippets } from "../../src/embed/package-json.js";
import { SourceFile } from "../../src/text/source-file.js";
import { bashSyntax, crlf, hostSpan, lf, verbatimMismatches, wordRange } from "../harness/snippet-checks.js";


const rootPackage = lf(
  "{",
  '  "name": "web",',
  '  "description": "❌ é 😀",',
  '  "scripts": {',
  '    "setup": "pip install -r requirements.txt && echo \\"done ❌ é 😀\\"",',
  '    "test": "cd evio && uv run pytest",',
  '    "path": "python scripts\\/run.py \\u00e9",',
  '    "empty": ""',
  "  },",
  '  "config": { "x": "pip install y" }',
  "}",
);

const memberPackage = crlf(
  "{",
  '  "description": "❌ é 😀",',
  '  "scripts": {',
  '    "build": "uv run --package web python -m build"',
  "  }",
  "}",
);

const cases = [
  {
    name: "root package.json",
    path: "package.json",
    text: rootPackage,
    snippets: [
      { text: 'pip install -r requirements.txt && echo "done ❌ é 😀"', cwd: "." },
      { text: "cd evio && uv run pytest", cwd: "." },
      { text: "python scripts/run.py é", cwd: "." },
    ],
    spans: [
      { snippet: 0, word: "requirements.txt", line: 5, column: 30, endColumn: 46, host: "requirements.txt" },
      { snippet: 0, word: '"done ❌ é 😀"', line: 5, column: 55, endColumn: 70, host: '\\"done ❌ é 😀\\"' },
      { snippet: 1, word: "pytest", line: 6, column: 32, endColumn: 38, host: "pytest" },
      { snippet: 2, word: "scripts/run.py", line: 7, column: 21, endColumn: 36, host: "scripts\\/run.py" },
      { snippet: 2, word: "é", line: 7, column: 37, endColumn: 43, host: "\\u00e9" },
    ],
  },
  {
    name: "member package.json (CRLF)",
    path: "packages/web/package.json",
    text: memberPackage,
    snippets: [{ text: "uv run --package web python -m build", cwd: "packages/web" }],
    spans: [{ snippet: 0, word: "python", line: 4, column: 36, endColumn: 42, host: "python" }],
  },
  {
    name: "no scripts",
    path: "package.json",
    text: lf("{", '  "description": "❌ é 😀",', '  "scripts": "pip install x"', "}"),
    snippets: [],
    spans: [],
  },
];

describe("packageJsonSnippets", () => {
  it.each(cases)("$name: snippet text and cwd", (c) => {
    const { snippets, problems } = packageJsonSnippets(new SourceFile(c.path, c.text));
    expect(problems).toEqual([]);
    expect(snippets.map((s) => ({ text: s.text, cwd: s.cwd }))).toEqual(c.snippets);
    for (const s of snippets) expect([s.origin, s.language, s.inDocs]).toEqual(["package-json:shell", "shell", false]);
  });

  it.each(cases.flatMap((c) => c.spans.map((span) => ({ ...span, c, label: `${c.name}: ${span.word}` }))))(
    "$label maps to its host line and column",
    ({ c, snippet, word, line, column, endColumn, host }) => {
      const s = packageJsonSnippets(new SourceFile(c.path, c.text)).snippets[snippet]!;
      expect(hostSpan(s, word)).toEqual({ line, column, endLine: line, endColumn, text: host });
    },
  );

  it.each(cases)("$name: every verbatim character is the host character, and bash parses it", (c) => {
    for (const s of packageJsonSnippets(new SourceFile(c.path, c.text)).snippets) {
      expect(verbatimMismatches(s)).toEqual([]);
      expect(bashSyntax(s.text)).toBe("ok");
    }
  });

  it("reports invalid JSON with its range", () => {
    const host = new SourceFile("package.json", lf("{", '  "scripts": {', '    "a": "uv sync",', "  }", "}"));
    const { snippets, problems } = packageJsonSnippets(host);
    expect(snippets.map((s) => s.text)).toEqual(["uv sync"]);
    const at = (offset: number) => [host.positionAt(offset).line, host.positionAt(offset).column];
    expect(problems.map((p) => [p.message, at(p.range.start), at(p.range.end)])).toEqual([
      ["Invalid JSON: property name expected.", [4, 3], [4, 4]],
      ["Invalid JSON: value expected.", [4, 3], [4, 4]],
    ]);
  });
});

describe("package.json escaper", () => {
  it.each([
    { name: "quotes and backslashes", replacement: 'say "hi" \\ok', expected: 'say "hi" \\ok install -r requirements.txt && echo "done ❌ é 😀"' },
    { name: "a newline", replacement: "uv sync\nuv", expected: 'uv sync\nuv install -r requirements.txt && echo "done ❌ é 😀"' },
  ])("$name: the JSON stays valid and yields the intended script", ({ replacement, expected }) => {
    const s = packageJsonSnippets(new SourceFile("package.json", rootPackage)).snippets[0]!;
    const r = wordRange(s, "pip");
    expect(s.map.isVerbatim(r)).toBe(true);
    const at = s.map.toHostRange(r);
    const fixed = rootPackage.slice(0, at.start) + s.escape(replacement) + rootPackage.slice(at.end);
    expect(() => JSON.parse(fixed)).not.toThrow();
    const again = packageJsonSnippets(new SourceFile("package.json", fixed));
    expect(again.problems).toEqual([]);
    expect(again.snippets[0]!.text).toBe(expected);
  });
});

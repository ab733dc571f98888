import { describe, expect, it } from "vitest";
import { dockerfileSnippets } from "../../src/embed/dockerfile.js";
import { makeSnippet, wholeFileSnippet, type Snippet } from "../../src/embed/snippet.js";
import { OffsetMapBuilder } from "../../src/text/offset-map.js";
import type { Range } from "../../src/text/range.js";
import { SourceFile } from "../../src/text/source-file.js";
import { bashSyntax, crlf, expectSpan, hostSpan, lf, verbatimMismatches, wordRange } from "../harness/snippet-checks.js";


const dockerfile = lf(
  "# syntax=docker/dockerfile:1",
  "FROM python:3.12 AS base",
  "# ❌ é 😀",
  "RUN --mount=type=cache,target=/root/.cache pip install \\",
  "    # dropped comment",
  "    -r requirements.txt && echo ❌ é 😀 ok",
  'RUN ["sh", "-c", "pip install \\"x\\" && echo \\u00e9"]',
  'RUN ["pip", "install", "y"]',
  "RUN <<EOF",
  "uv sync --frozen",
  "pip install z",
  "EOF",
  "RUN cat <<-EOT > /etc/x && uv run pytest",
  "\thello",
  "\tEOT",
  "RUN <<PY",
  "#!/usr/bin/env python3",
  'print("pip install nope")',
  "PY",
  'SHELL ["pwsh", "-Command"]',
  "RUN pip install w",
  "FROM base",
  'onbuild run echo "a << b" && make',
  'RUN ["/bin/bash", "-o", "pipefail", "-euxc", "uv sync"]',
);

const windows = crlf(
  "# escape=`",
  "FROM mcr.microsoft.com/windows/servercore",
  "# ❌ é 😀",
  "RUN pip install `  ",
  "",
  "    -r requirements.txt",
);

interface Span {
  snippet: number;
  word: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** host text under the word when it is not the word itself */
  host?: string;
}

const cases: { name: string; path: string; text: string; snippets: string[]; spans: Span[] }[] = [
  {
    name: "Dockerfile",
    path: "Dockerfile",
    text: dockerfile,
    snippets: [
      "pip install \\\n    -r requirements.txt && echo ❌ é 😀 ok",
      'pip install "x" && echo é',
      "uv sync --frozen\npip install z",
      "cat <<-EOT > /etc/x && uv run pytest\n\thello\n\tEOT",
      'echo "a << b" && make',
      "uv sync",
    ],
    spans: [
      { snippet: 0, word: "pip", line: 4, column: 44 },
      { snippet: 0, word: "requirements.txt", line: 6, column: 8 },
      { snippet: 0, word: "ok", line: 6, column: 40 },
      { snippet: 1, word: '"x"', line: 7, column: 31, endColumn: 36, host: '\\"x\\"' },
      { snippet: 2, word: "pip", line: 11, column: 1 },
      { snippet: 3, word: "hello", line: 14, column: 2 },
      { snippet: 4, word: "make", line: 23, column: 30 },
      { snippet: 5, word: "uv sync", line: 24, column: 47 },
    ],
  },
  {
    name: "backtick escape (CRLF)",
    path: "windows/Dockerfile",
    text: windows,
    snippets: ["pip install \\\n    -r requirements.txt"],
    spans: [
      { snippet: 0, word: "requirements.txt", line: 6, column: 8 },
      { snippet: 0, word: "install \\\n    -r", line: 4, column: 9, endLine: 6, endColumn: 7, host: "install `  \r\n\r\n    -r" },
    ],
  },
];

const extract = (c: { path: string; text: string }) =>
  dockerfileSnippets(wholeFileSnippet(new SourceFile(c.path, c.text), "dockerfile", "dockerfile:shell", null));

describe("dockerfileSnippets", () => {
  it.each(cases)("$name: snippet text and cwd", (c) => {
    const snippets = extract(c);
    expect(snippets.map((s) => s.text)).toEqual(c.snippets);
    for (const s of snippets) expect([s.cwd, s.origin, s.language]).toEqual([null, "dockerfile:shell", "shell"]);
  });

  it.each(cases.flatMap((c) => c.spans.map((span) => ({ ...span, c, label: `${c.name}: ${JSON.stringify(span.word)}` }))))(
    "$label maps to its host line and column",
    ({ c, snippet, word, line, column, endLine, endColumn, host }) => {
      expectSpan(extract(c)[snippet]!, { word, line, column, endLine, endColumn, host });
    },
  );

  it.each(cases)("$name: every verbatim character is the host character, and bash parses it", (c) => {
    for (const s of extract(c)) {
      expect(verbatimMismatches(s)).toEqual([]);
      expect(bashSyntax(s.text)).toBe("ok");
    }
  });

  it("ignores snippets of other languages", () => {
    const host = new SourceFile("x.yaml", "RUN pip install x\n");
    expect(dockerfileSnippets(wholeFileSnippet(host, "yaml", "yaml"))).toEqual([]);
  });
});

describe("dockerfileSnippets in a Markdown block", () => {
  const markdown = lf("# Docker ❌ é 😀", "", "```dockerfile", "FROM python", "# ❌ wrong", "RUN pip install x", "RUN uv sync", "```");
  const host = new SourceFile("docs/docker.md", markdown);

  function block(excludedLine?: number): Snippet {
    const b = new OffsetMapBuilder();
    const excluded: Range[] = [];
    for (let line = 4; line <= 7; line++) {
      const start = host.lineStart(line);
      if (line === excludedLine) excluded.push({ start: b.snippetLength, end: b.snippetLength + host.lineEnd(line) - start });
      b.verbatim(host.text.slice(start, host.lineEnd(line)), start).verbatim("\n", host.lineEnd(line));
    }
    const { text, map } = b.build();
    return makeSnippet({ host, text, language: "dockerfile", map, origin: "markdown:dockerfile", inDocs: true, excluded });
  }

  it("keeps the Markdown origin and maps into the Markdown file", () => {
    const snippets = dockerfileSnippets(block());
    expect(snippets.map((s) => [s.text, s.origin, s.inDocs, s.cwd])).toEqual([
      ["pip install x", "markdown:dockerfile", true, null],
      ["uv sync", "markdown:dockerfile", true, null],
    ]);
    expect(hostSpan(snippets[0]!, "x")).toEqual({ line: 6, column: 17, endLine: 6, endColumn: 18, text: "x" });
    for (const s of snippets) expect(verbatimMismatches(s)).toEqual([]);
  });

  it("keeps the block's counter-example regions", () => {
    expect(dockerfileSnippets(block(6)).map((s) => s.excluded)).toEqual([[{ start: 0, end: 13 }], []]);
  });
});

describe("Dockerfile escapers", () => {
  it("shell form takes text as it is and refuses a newline", () => {
    const s = extract(cases[0]!)[0]!;
    expect(s.escape("uv pip")).toBe("uv pip");
    expect(s.escape("a\nb")).toBeNull();
  });

  it("exec form escapes for JSON, and the instruction still yields the intended script", () => {
    const s = extract(cases[0]!)[1]!;
    const r = wordRange(s, "pip");
    expect(s.map.isVerbatim(r)).toBe(true);
    const at = s.map.toHostRange(r);
    const fixed = dockerfile.slice(0, at.start) + s.escape('say "hi" \\ok') + dockerfile.slice(at.end);
    expect(extract({ path: "Dockerfile", text: fixed })[1]!.text).toBe('say "hi" \\ok install "x" && echo é');
  });
});

import { describe, expect, it } from "vitest";
import { makefileSnippets } from "../../src/embed/makefile.js";
import { SourceFile } from "../../src/text/source-file.js";
import { bashSyntax, crlf, expectSpan, lf, verbatimMismatches, wordRange } from "../harness/snippet-checks.js";


const makefile = lf(
  "# ❌ é 😀",
  "PYTHON ?= python3",
  "SRC = a.c \\",
  "\tb.c",
  ".PHONY: all test",
  "",
  "all: deps ; @echo inline",
  "\t@-$(PYTHON) -m pip install -r requirements.txt",
  "\tcd evio && \\",
  "\t  uv run pytest $@ $$HOME",
  "# a make comment",
  "",
  "\t+echo ${SRC} $(shell git rev-parse HEAD) ❌ é 😀 ok",
  "define HELP",
  "\tpip install nothing",
  "endef",
  "VAR := x:y",
  "\tnot a recipe",
  "test:: a b",
  "\techo 'it''s' \"$$(date)\"",
);

const oneShell = crlf(
  "# ❌ é 😀",
  ".ONESHELL:",
  "build:",
  "\t@cd evio",
  "\t# shell comment",
  "",
  "\tuv run python -m build $(ARGS)",
  "deploy:",
  "\t-echo deploy",
);

const cases = [
  {
    name: "Makefile",
    path: "Makefile",
    text: makefile,
    snippets: [
      { text: "echo inline", cwd: "." },
      { text: "_________ -m pip install -r requirements.txt", cwd: "." },
      { text: "cd evio && \\\n  uv run pytest __ $HOME", cwd: "." },
      { text: `echo ______ ${"_".repeat(27)} ❌ é 😀 ok`, cwd: "." },
      { text: "echo 'it''s' \"$(date)\"", cwd: "." },
    ],
    opaque: [[], ["$(PYTHON)"], ["$@"], ["${SRC}", "$(shell git rev-parse HEAD)"], []],
    spans: [
      { snippet: 0, word: "inline", line: 7, column: 19 },
      { snippet: 1, word: "pip", line: 8, column: 17 },
      { snippet: 1, word: "_________", line: 8, column: 4, endColumn: 13, host: "$(PYTHON)" },
      { snippet: 2, word: "pytest", line: 10, column: 11 },
      { snippet: 2, word: "$HOME", line: 10, column: 21, endColumn: 27, host: "$$HOME" },
      { snippet: 2, word: "\\\n  uv", line: 9, column: 13, endLine: 10, endColumn: 6, host: "\\\n\t  uv" },
      { snippet: 3, word: "ok", line: 13, column: 50 },
      { snippet: 4, word: "$(date)", line: 20, column: 16, endColumn: 24, host: "$$(date)" },
    ],
  },
  {
    name: ".ONESHELL Makefile (CRLF)",
    path: "tools/Makefile",
    text: oneShell,
    snippets: [
      { text: "cd evio\n# shell comment\nuv run python -m build _______", cwd: "tools" },
      { text: "echo deploy", cwd: "tools" },
    ],
    opaque: [["$(ARGS)"], []],
    spans: [
      { snippet: 0, word: "python", line: 7, column: 9 },
      { snippet: 0, word: "evio\n#", line: 4, column: 6, endLine: 5, endColumn: 3, host: "evio\r\n\t#" },
      { snippet: 1, word: "deploy", line: 9, column: 8 },
    ],
  },
];

describe("makefileSnippets", () => {
  it.each(cases)("$name: snippet text, cwd and opaque words", (c) => {
    const snippets = makefileSnippets(new SourceFile(c.path, c.text));
    expect(snippets.map((s) => ({ text: s.text, cwd: s.cwd }))).toEqual(c.snippets);
    const opaqueHost = snippets.map((s) => s.opaque.map((r) => s.host.slice(s.map.toHostRange(r))));
    expect(opaqueHost).toEqual(c.opaque);
    for (const s of snippets) expect([s.origin, s.language]).toEqual(["makefile:shell", "shell"]);
  });

  it.each(cases.flatMap((c) => c.spans.map((span) => ({ ...span, c, label: `${c.name}: ${JSON.stringify(span.word)}` }))))(
    "$label maps to its host line and column",
    ({ c, snippet, word, line, column, endLine, endColumn, host }) => {
      const s = makefileSnippets(new SourceFile(c.path, c.text))[snippet]!;
      expectSpan(s, { word, line, column, endLine, endColumn, host });
    },
  );

  it.each(cases)("$name: every verbatim character is the host character, and bash parses it", (c) => {
    for (const s of makefileSnippets(new SourceFile(c.path, c.text))) {
      expect(verbatimMismatches(s)).toEqual([]);
      expect(bashSyntax(s.text)).toBe("ok");
    }
  });

  it("a `$$` is one snippet character for two host characters", () => {
    const s = makefileSnippets(new SourceFile("Makefile", makefile))[2]!;
    const dollar = wordRange(s, "$HOME").start;
    expect(s.map.toHostRange({ start: dollar, end: dollar + 1 })).toEqual({ start: s.map.toHost(dollar), end: s.map.toHost(dollar) + 2 });
  });
});

describe("Makefile escaper", () => {
  it("doubles `$` so make passes it to the shell", () => {
    const s = makefileSnippets(new SourceFile("Makefile", makefile))[1]!;
    const r = wordRange(s, "pip");
    expect(s.map.isVerbatim(r)).toBe(true);
    const at = s.map.toHostRange(r);
    const escaped = s.escape("echo $HOME &&");
    expect(escaped).toBe("echo $$HOME &&");
    const fixed = makefile.slice(0, at.start) + escaped + makefile.slice(at.end);
    expect(makefileSnippets(new SourceFile("Makefile", fixed))[1]!.text).toBe(
      "_________ -m echo $HOME && install -r requirements.txt",
    );
  });

  it("refuses a newline", () => {
    expect(makefileSnippets(new SourceFile("Makefile", makefile))[0]!.escape("a\nb")).toBeNull();
  });
});

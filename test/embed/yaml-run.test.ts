import { describe, expect, it } from "vitest";
import { makeSnippet, wholeFileSnippet, type Snippet } from "../../src/embed/snippet.js";
import { yamlFlavorOf, yamlRunSnippets, type YamlFlavor } from "../../src/embed/yaml-run.js";
import { OffsetMapBuilder } from "../../src/text/offset-map.js";
import type { Range } from "../../src/text/range.js";
import { SourceFile } from "../../src/text/source-file.js";
import { bashSyntax, crlf, expectSpan, hostSpan, lf, verbatimMismatches, wordRange } from "../harness/snippet-checks.js";


interface Span {
  snippet: number;
  word: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** host text under the word when it is not the word itself (escapes, folds, expressions) */
  host?: string;
}

interface Case {
  name: string;
  path: string;
  text: string;
  flavor?: YamlFlavor;
  snippets: { text: string; cwd: string | null }[];
  spans: Span[];
}

const workflow = lf(
  "name: ci ❌ é 😀",
  "defaults:",
  "  run:",
  "    working-directory: ./evio/",
  "jobs:",
  "  test:",
  "    runs-on: ubuntu-latest",
  "    defaults:",
  "      run:",
  "        working-directory: tools",
  "    steps:",
  "      - run: |",
  "          echo ❌ é 😀 ok",
  "          pip install -r requirements.txt",
  "      - name: expr",
  "        run: cd ${{ github.workspace }} && uv run --package evio pytest",
  "        working-directory: ${{ matrix.dir }}",
  "      - shell: python",
  '        run: print("pip install x")',
  "      - shell: bash -eo pipefail {0}",
  "        working-directory: ./",
  "        run: >",
  "          uv sync",
  "          --frozen",
  "  other:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  '      - run: "pip install \\"a b\\" && echo \\u00e9 ❌ é 😀 ok"',
  "      - run: 'echo ''quoted'' && pip install c'",
  "      - run: uv run",
  "          python x.py",
  "  win:",
  "    runs-on: windows-latest",
  "    steps:",
  "      - run: Get-ChildItem",
  "      - shell: bash",
  "        run: pip --version",
);

const lefthook = crlf(
  "# ❌ é 😀",
  "templates:",
  "  wrap: uv run",
  "pre-commit:",
  "  parallel: true",
  "  commands:",
  "    lint:",
  '      root: "backend/"',
  "      run: uv run ruff check {staged_files}",
  "    types:",
  "      run: |",
  "        cd evio",
  "        uv run mypy {files} ${HOME}",
  "  scripts:",
  '    "hello.sh":',
  "      runner: bash",
  "pre-push:",
  "  jobs:",
  "    - run: pytest {push_files}",
  "    - root: api/",
  "      group:",
  "        jobs:",
  "          - run: '{wrap} pytest {0}'",
  "          - run: echo nested",
  "            root: api/sub",
);

const preCommit = lf(
  "# ❌ é 😀",
  "repos:",
  "  - repo: https://github.com/astral-sh/ruff-pre-commit",
  "    rev: v0.4.0",
  "    hooks:",
  "      - id: ruff",
  "  - repo: local",
  "    hooks:",
  "      - id: pytest",
  "        name: pytest",
  "        entry: uv run --package evio pytest",
  "        language: system",
  "        args: [--maxfail=1]",
  "      - id: no-todo",
  "        name: no todo",
  "        entry: 'TODO'",
  "        language: pygrep",
  "      - id: check",
  "        name: check",
  "        entry: >-",
  "          bash -c 'pip check'",
  "        language: system",
);

const cases: Case[] = [
  {
    name: "GitHub workflow",
    path: ".github/workflows/ci.yml",
    text: workflow,
    snippets: [
      { text: "echo ❌ é 😀 ok\npip install -r requirements.txt\n", cwd: "tools" },
      { text: "cd _______________________ && uv run --package evio pytest", cwd: null },
      { text: "uv sync --frozen\n", cwd: "." },
      { text: 'pip install "a b" && echo é ❌ é 😀 ok', cwd: "evio" },
      { text: "echo 'quoted' && pip install c", cwd: "evio" },
      { text: "uv run python x.py", cwd: "evio" },
      { text: "pip --version", cwd: "evio" },
    ],
    spans: [
      { snippet: 0, word: "ok", line: 13, column: 23 },
      { snippet: 0, word: "requirements.txt", line: 14, column: 26 },
      { snippet: 1, word: "_".repeat(23), line: 16, column: 17, endColumn: 40, host: "${{ github.workspace }}" },
      { snippet: 1, word: "pytest", line: 16, column: 66 },
      { snippet: 2, word: "sync --frozen", line: 23, column: 14, endLine: 24, endColumn: 19, host: "sync\n          --frozen" },
      { snippet: 3, word: '"a b"', line: 28, column: 27, endColumn: 34, host: '\\"a b\\"' },
      { snippet: 3, word: "é ❌", line: 28, column: 43, endColumn: 51, host: "\\u00e9 ❌" },
      { snippet: 3, word: "ok", line: 28, column: 57 },
      { snippet: 4, word: "'quoted'", line: 29, column: 20, endColumn: 30, host: "''quoted''" },
      { snippet: 5, word: "python", line: 31, column: 11 },
      { snippet: 6, word: "--version", line: 37, column: 18 },
    ],
  },
  {
    name: "lefthook (CRLF)",
    path: "lefthook.yml",
    text: lefthook,
    snippets: [
      { text: "uv run ruff check {staged_files}", cwd: "backend" },
      { text: "cd evio\nuv run mypy {files} ${HOME}\n", cwd: "." },
      { text: "pytest {push_files}", cwd: "." },
      { text: "{wrap} pytest {0}", cwd: "api" },
      { text: "echo nested", cwd: "api/sub" },
    ],
    spans: [
      { snippet: 0, word: "{staged_files}", line: 9, column: 30 },
      { snippet: 1, word: "mypy", line: 13, column: 16 },
      { snippet: 1, word: "evio\nuv", line: 12, column: 12, endLine: 13, endColumn: 11, host: "evio\r\n        uv" },
      { snippet: 3, word: "pytest", line: 23, column: 26 },
    ],
  },
  {
    name: "pre-commit local hooks",
    path: ".pre-commit-config.yaml",
    text: preCommit,
    snippets: [
      { text: "uv run --package evio pytest", cwd: "." },
      { text: "bash -c 'pip check'", cwd: "." },
    ],
    spans: [
      { snippet: 0, word: "evio", line: 11, column: 33 },
      { snippet: 1, word: "pip check", line: 21, column: 20 },
    ],
  },
  {
    name: "lefthook: an anchor used by two hooks is one snippet",
    path: "lefthook.yaml",
    text: lf("# ❌ é 😀", "x-test: &test", "  run: uv run pytest", "pre-commit:", "  commands:", "    test: *test", "pre-push:", "  commands:", "    test: *test"),
    snippets: [{ text: "uv run pytest", cwd: "." }],
    spans: [{ snippet: 0, word: "uv", line: 3, column: 8 }],
  },
  {
    name: "generic: git hook keys are lefthook",
    path: "docs/examples/hooks.yaml",
    text: lf("# ❌ é 😀", "pre-push:", "  commands:", "    test:", "      run: uv run pytest"),
    snippets: [{ text: "uv run pytest", cwd: "." }],
    spans: [{ snippet: 0, word: "pytest", line: 5, column: 19 }],
  },
  {
    name: "generic: jobs with steps are a workflow",
    path: "config/ci.yaml",
    text: lf("# ❌ é 😀", "jobs:", "  build:", "    steps:", "      - run: make all"),
    snippets: [{ text: "make all", cwd: "." }],
    spans: [{ snippet: 0, word: "all", line: 5, column: 19 }],
  },
  {
    name: "generic: repos are pre-commit",
    path: "config/hooks.yaml",
    text: lf("# ❌ é 😀", "repos:", "  - repo: local", "    hooks:", "      - id: x", "        entry: ./scripts/check.sh", "        language: script"),
    snippets: [{ text: "./scripts/check.sh", cwd: "." }],
    spans: [{ snippet: 0, word: "./scripts/check.sh", line: 6, column: 16 }],
  },
  {
    name: "generic: anything else has no commands",
    path: "compose.yaml",
    text: lf("# ❌ é 😀", "services:", "  web:", "    command: pip install x", "jobs: [a]"),
    snippets: [],
    spans: [],
  },
];

function extract(c: Case): { snippets: Snippet[]; problems: unknown[] } {
  const host = new SourceFile(c.path, c.text);
  return yamlRunSnippets(wholeFileSnippet(host, "yaml", "yaml"), c.flavor ?? yamlFlavorOf(c.path));
}

describe("yamlRunSnippets", () => {
  it.each(cases)("$name: snippet text and cwd", (c) => {
    const { snippets, problems } = extract(c);
    expect(problems).toEqual([]);
    expect(snippets.map((s) => ({ text: s.text, cwd: s.cwd }))).toEqual(c.snippets);
    for (const s of snippets) expect([s.origin, s.language, s.inDocs]).toEqual(["yaml:shell", "shell", false]);
  });

  it.each(cases.flatMap((c) => c.spans.map((span) => ({ ...span, c, label: `${c.name}: ${span.word}` }))))(
    "$label maps to its host line and column",
    ({ c, snippet, word, line, column, endLine, endColumn, host }) => {
      const s = extract(c).snippets[snippet]!;
      expectSpan(s, { word, line, column, endLine, endColumn, host });
    },
  );

  it.each(cases)("$name: every verbatim character is the host character", (c) => {
    for (const s of extract(c).snippets) expect(verbatimMismatches(s)).toEqual([]);
  });

  it.each(cases)("$name: snippets parse with bash -n", (c) => {
    for (const s of extract(c).snippets) expect(bashSyntax(s.text)).toBe("ok");
  });

  it("records expressions as opaque and lefthook templates as placeholders", () => {
    const [, expr] = extract(cases[0]!).snippets;
    expect(expr!.opaque.map((r) => expr!.text.slice(r.start, r.end))).toEqual(["_".repeat(23)]);
    const hooks = extract(cases[1]!).snippets;
    expect(hooks.map((s) => s.placeholders.map((r) => s.text.slice(r.start, r.end)))).toEqual([
      ["{staged_files}"],
      ["{files}"],
      ["{push_files}"],
      ["{wrap}", "{0}"],
      [],
    ]);
  });

  it("reports YAML syntax errors at host positions", () => {
    const host = new SourceFile(".github/workflows/bad.yml", lf("# ❌ é 😀", "jobs:", "  a: 1", "  a: 2"));
    const { problems } = yamlRunSnippets(wholeFileSnippet(host, "yaml", "yaml"), "github-workflow");
    const at = (offset: number) => [host.positionAt(offset).line, host.positionAt(offset).column];
    expect(problems.map((p) => [p.message, at(p.range.start), at(p.range.end)])).toEqual([
      ["Map keys must be unique", [4, 3], [4, 4]],
    ]);
  });
});

describe("yamlRunSnippets in a Markdown yaml block", () => {
  const markdown = lf(
    "# Setup ❌ é 😀",
    "",
    "- Hooks and CI:",
    "",
    "  ```yaml",
    "  pre-commit:",
    "    commands:",
    "      test:",
    "        run: uv run pytest -x",
    "  ---",
    "  jobs:",
    "    ci:",
    "      steps:",
    '        - run: echo "${{ github.sha }}" && pip install x',
    "  ```",
  );

  /** What the Markdown embedder builds for a fence indented two spaces: each line without its indent. */
  function yamlBlock(host: SourceFile, first: number, last: number, excludedLine?: number): Snippet {
    const b = new OffsetMapBuilder();
    const excluded: Range[] = [];
    for (let line = first; line <= last; line++) {
      const start = host.lineStart(line) + 2;
      if (line === excludedLine) excluded.push({ start: b.snippetLength, end: b.snippetLength + host.lineEnd(line) - start });
      b.verbatim(host.text.slice(start, host.lineEnd(line)), start);
      b.verbatim("\n", host.lineEnd(line));
    }
    const { text, map } = b.build();
    return makeSnippet({ host, text, language: "yaml", map, origin: "markdown:yaml", inDocs: true, excluded });
  }

  const host = new SourceFile("docs/setup.md", markdown);

  it("finds commands per document, mapped through the block to the Markdown file", () => {
    const { snippets, problems } = yamlRunSnippets(yamlBlock(host, 6, 14), "generic");
    expect(problems).toEqual([]);
    expect(snippets.map((s) => [s.text, s.cwd, s.origin, s.inDocs])).toEqual([
      ["uv run pytest -x", ".", "markdown:yaml:shell", true],
      ['echo "_________________" && pip install x', ".", "markdown:yaml:shell", true],
    ]);
    expect(hostSpan(snippets[0]!, "pytest")).toEqual({ line: 9, column: 21, endLine: 9, endColumn: 27, text: "pytest" });
    expect(hostSpan(snippets[1]!, "_________________")).toMatchObject({ line: 14, column: 22, endColumn: 39, text: "${{ github.sha }}" });
    expect(hostSpan(snippets[1]!, "pip")).toMatchObject({ line: 14, column: 44, endColumn: 47 });
    for (const s of snippets) {
      expect(verbatimMismatches(s)).toEqual([]);
      expect(bashSyntax(s.text)).toBe("ok");
    }
  });

  it("keeps the block's counter-example regions", () => {
    const { snippets } = yamlRunSnippets(yamlBlock(host, 6, 14, 9), "generic");
    expect(snippets.map((s) => s.excluded)).toEqual([[{ start: 0, end: 16 }], []]);
  });

  it("maps YAML syntax errors into the Markdown file", () => {
    const bad = new SourceFile("docs/bad.md", lf("# ❌ é 😀", "", "  ```yaml", "  jobs:", "    a: 1", "    a: 2", "  ```"));
    const { problems } = yamlRunSnippets(yamlBlock(bad, 4, 6), "generic");
    expect(problems.map((p) => [bad.positionAt(p.range.start).line, bad.positionAt(p.range.start).column])).toEqual([[6, 5]]);
  });
});

describe("YAML escapers", () => {
  const rows: { name: string; snippet: number; word: string; replacement: string; expected: string }[] = [
    { name: "block literal", snippet: 0, word: "pip", replacement: "uv pip", expected: "echo ❌ é 😀 ok\nuv pip install -r requirements.txt\n" },
    { name: "folded", snippet: 2, word: "sync", replacement: "sync --locked", expected: "uv sync --locked --frozen\n" },
    { name: "plain, multi-line", snippet: 5, word: "python", replacement: "python3", expected: "uv run python3 x.py" },
    { name: "double-quoted", snippet: 3, word: "pip", replacement: 'say "hi" \\ok', expected: 'say "hi" \\ok install "a b" && echo é ❌ é 😀 ok' },
    { name: "single-quoted", snippet: 4, word: "quoted", replacement: "it's", expected: "echo 'it's' && pip install c" },
  ];

  it.each(rows)("$name: an escaped replacement keeps the YAML valid and yields the intended text", (row) => {
    const c = cases[0]!;
    const s = extract(c).snippets[row.snippet]!;
    const r = wordRange(s, row.word);
    expect(s.map.isVerbatim(r)).toBe(true);
    const escaped = s.escape(row.replacement);
    expect(escaped).not.toBeNull();
    const at = s.map.toHostRange(r);
    const fixed = c.text.slice(0, at.start) + escaped + c.text.slice(at.end);
    const again = extract({ ...c, text: fixed });
    expect(again.problems).toEqual([]);
    expect(again.snippets[row.snippet]!.text).toBe(row.expected);
  });

  it.each([
    { name: "block literal, newline", snippet: 0, replacement: "a\nb" },
    { name: "plain, mapping indicator", snippet: 5, replacement: "a: b" },
    { name: "plain, comment", snippet: 5, replacement: "a #b" },
    { name: "plain, leading flow indicator", snippet: 5, replacement: "[a]" },
    { name: "plain, leading sequence entry", snippet: 5, replacement: "- a" },
    { name: "single-quoted, newline", snippet: 4, replacement: "a\nb" },
  ])("$name: refused", ({ snippet, replacement }) => {
    expect(extract(cases[0]!).snippets[snippet]!.escape(replacement)).toBeNull();
  });

  it("plain scalars take flags and paths as they are", () => {
    expect(extract(cases[0]!).snippets[5]!.escape("--package evio python")).toBe("--package evio python");
  });
});

describe("yamlFlavorOf", () => {
  it.each([
    [".github/workflows/ci.yml", "github-workflow"],
    [".github/workflows/release.yaml", "github-workflow"],
    [".github/workflows/sub/x.yml", "generic"],
    ["lefthook.yml", "lefthook"],
    ["lefthook-local.yaml", "lefthook"],
    [".lefthook.yml", "lefthook"],
    ["config/.lefthook-local.yml", "lefthook"],
    [".pre-commit-config.yaml", "pre-commit"],
    ["docs/example.yaml", "generic"],
    ["action.yml", "generic"],
  ])("%s -> %s", (path, flavor) => {
    expect(yamlFlavorOf(path)).toBe(flavor);
  });
});

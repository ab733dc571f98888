import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_COUNTER_EXAMPLE_MARKERS,
  markdownSnippets,
  type MarkdownEmbeds,
  type MarkdownOptions,
} from "../../src/embed/markdown/blocks.js";
import type { Snippet } from "../../src/embed/snippet.js";
import { isCatalogueCommand } from "../../src/facts/shell/command-words.js";
import { SourceFile } from "../../src/text/source-file.js";

const OPTIONS: MarkdownOptions = { counterExampleMarkers: DEFAULT_COUNTER_EXAMPLE_MARKERS, inlineCode: true, isCommandName: isCatalogueCommand };
const SEED_DESIGN = new URL("../fixtures/seeds/003_8dfd04dd278b09be.utf8.txt", import.meta.url).pathname;
const SEED_DEV_SHELL = new URL("../fixtures/seeds/000_e81a7caadd016c87.txt", import.meta.url).pathname;

const md = (...lines: string[]): string => lines.join("\n") + "\n";
const fence = (info: string, ...body: string[]): string[] => ["```" + info, ...body, "```"];

function embed(text: string, options: MarkdownOptions = OPTIONS): MarkdownEmbeds & { host: SourceFile } {
  const host = new SourceFile("docs/guide.md", text);
  return { host, ...markdownSnippets(host, options) };
}

/** Host line, column and text of the first occurrence of `word` in the snippet. */
function locate(snippet: Snippet, word: string) {
  const at = snippet.text.indexOf(word);
  expect(at, `"${word}" in ${JSON.stringify(snippet.text)}`).toBeGreaterThanOrEqual(0);
  const r = snippet.map.toHostRange({ start: at, end: at + word.length });
  const { line, column } = snippet.host.positionAt(r.start);
  return { line, column, text: snippet.host.slice(r) };
}

/** The snippet text with its excluded ranges blanked out. */
function instructions(snippet: Snippet): string {
  let text = snippet.text;
  for (const r of snippet.excluded) text = text.slice(0, r.start) + " ".repeat(r.end - r.start) + text.slice(r.end);
  return text;
}

const slices = (snippet: Snippet, ranges: readonly { start: number; end: number }[]): string[] =>
  ranges.map((r) => snippet.text.slice(r.start, r.end));

// --- where snippets come from, and where their words land in the host --------------------------

const LOCATION_CASES = [
  {
    name: "```bash fence",
    source: md("# Setup", "", ...fence("bash", "uv sync --all-packages")),
    origin: "markdown:bash",
    text: "uv sync --all-packages",
    word: "--all-packages",
    line: 4,
    column: 9,
  },
  {
    name: "~~~sh fence",
    source: md("~~~sh", "uv lock --check", "~~~"),
    origin: "markdown:bash",
    text: "uv lock --check",
    word: "--check",
    line: 2,
    column: 9,
  },
  {
    name: "fence indented by three spaces strips three from each line",
    source: md("   ```zsh", "     uv run --package evio x", "   ```"),
    origin: "markdown:bash",
    text: "  uv run --package evio x",
    word: "evio",
    line: 2,
    column: 23,
  },
  {
    name: "fence inside a bullet list item",
    source: md("- Install:", "", "  ```bash", "  uv add --package evio-core numpy", "  ```"),
    origin: "markdown:bash",
    text: "uv add --package evio-core numpy",
    word: "numpy",
    line: 4,
    column: 30,
  },
  {
    name: "fence inside an ordered list item with a wide marker",
    source: md("1.  Step", "", "    ```sh", "    uv sync", "    ```"),
    origin: "markdown:bash",
    text: "uv sync",
    word: "sync",
    line: 4,
    column: 8,
  },
  {
    name: "fence inside a blockquote",
    source: md("> Note", ">", "> ```bash", "> uv run pytest -q", "> ```"),
    origin: "markdown:bash",
    text: "uv run pytest -q",
    word: "pytest",
    line: 4,
    column: 10,
  },
  {
    name: "fence inside a list item inside a blockquote",
    source: md("> - step", ">", ">   ```bash", ">   uv sync --frozen", ">   ```"),
    origin: "markdown:bash",
    text: "uv sync --frozen",
    word: "--frozen",
    line: 4,
    column: 13,
  },
  {
    name: "tab that CommonMark splits into spaces",
    source: md(" ```bash", "\tuv sync", " ```"),
    origin: "markdown:bash",
    text: "   uv sync",
    word: "sync",
    line: 2,
    column: 5,
  },
  {
    name: "non-ASCII and an astral emoji before the word (UTF-16 columns)",
    source: md(
      "❌ é 😀 opens this page",
      "",
      "Then run:",
      "",
      ...fence("bash", 'echo "é 😀" && uv sync --locked'),
    ),
    origin: "markdown:bash",
    text: 'echo "é 😀" && uv sync --locked',
    word: "--locked",
    line: 6,
    column: 24,
  },
  {
    name: "CRLF line endings",
    source: ["# T", "", "```bash", "uv sync", "uv run --package evio python x.py", "```", ""].join("\r\n"),
    origin: "markdown:bash",
    text: "uv sync\nuv run --package evio python x.py",
    word: "x.py",
    line: 5,
    column: 30,
  },
  {
    name: "console prompts: output dropped, `\\` continues a command",
    source: md(
      "```console",
      "$ uv sync",
      "Resolved 3 packages",
      "$ uv run --package evio \\",
      "    python scripts/x.py",
      "done",
      "```",
    ),
    origin: "markdown:console",
    text: "uv sync\nuv run --package evio \\\n    python scripts/x.py",
    word: "scripts/x.py",
    line: 5,
    column: 12,
  },
  {
    name: "shell-session is a console block",
    source: md("```shell-session", "$ nix develop", "warning: Git tree is dirty", "```"),
    origin: "markdown:console",
    text: "nix develop",
    word: "develop",
    line: 2,
    column: 7,
  },
  {
    name: "inline span after non-ASCII text",
    source: md("é 😀 then run `uv run --package evio python x.py` now."),
    origin: "markdown:inline",
    text: "uv run --package evio python x.py",
    word: "evio",
    line: 1,
    column: 33,
  },
  {
    name: "inline span with double backticks and padding",
    source: md("Use `` uv run --package evio x `` here"),
    origin: "markdown:inline",
    text: "uv run --package evio x",
    word: "x",
    line: 1,
    column: 30,
  },
  {
    name: "inline span wrapped onto the next line of a blockquote",
    source: md("> Run `uv run", "> --package evio x` now."),
    origin: "markdown:inline",
    text: "uv run --package evio x",
    word: "--package",
    line: 2,
    column: 3,
  },
  {
    name: "inline span wrapped over a CRLF line break",
    source: "Run `uv run\r\n  --package evio x` now.\r\n",
    origin: "markdown:inline",
    text: "uv run --package evio x",
    word: "evio",
    line: 2,
    column: 13,
  },
  {
    name: "nix fence",
    source: md(...fence("nix", "{ pkgs }: pkgs.mkShell { packages = [ pkgs.uv ]; }")),
    origin: "markdown:nix",
    text: "{ pkgs }: pkgs.mkShell { packages = [ pkgs.uv ]; }",
    word: "packages",
    line: 2,
    column: 26,
  },
  {
    name: "toml fence",
    source: md(...fence("toml", "[tool.uv.sources]", "evio-core = { workspace = true }")),
    origin: "markdown:toml",
    text: "[tool.uv.sources]\nevio-core = { workspace = true }",
    word: "workspace",
    line: 3,
    column: 15,
  },
  {
    name: "yml fence",
    source: md(...fence("yml", "run: uv sync")),
    origin: "markdown:yaml",
    text: "run: uv sync",
    word: "uv",
    line: 2,
    column: 6,
  },
  {
    name: "Dockerfile fence (info string case-insensitive)",
    source: md(...fence("Dockerfile", "RUN uv sync --locked")),
    origin: "markdown:dockerfile",
    text: "RUN uv sync --locked",
    word: "--locked",
    line: 2,
    column: 13,
  },
];

describe("markdownSnippets: sources and positions", () => {
  it.each(LOCATION_CASES)("$name", ({ source, origin, text, word, line, column }) => {
    const { snippets } = embed(source);
    expect(snippets.map((s) => [s.origin, s.text])).toEqual([[origin, text]]);
    const snippet = snippets[0]!;
    expect(snippet.inDocs).toBe(true);
    expect(snippet.cwd).toBe(".");
    expect(locate(snippet, word)).toEqual({ line, column, text: word });
  });

  it("gives languages by origin", () => {
    const { snippets } = embed(
      md(...fence("sh", "a b"), ...fence("console", "$ a b"), ...fence("nix", "{}"), ...fence("toml", "a = 1"),
        ...fence("yaml", "a: 1"), ...fence("docker", "FROM x"), "`uv sync`"),
    );
    expect(snippets.map((s) => [s.origin, s.language])).toEqual([
      ["markdown:bash", "shell"],
      ["markdown:console", "shell"],
      ["markdown:nix", "nix"],
      ["markdown:toml", "toml"],
      ["markdown:yaml", "yaml"],
      ["markdown:dockerfile", "dockerfile"],
      ["markdown:inline", "shell"],
    ]);
  });

  it.each([
    ["python", fence("python", 'subprocess.run("pip install requests", shell=True)')],
    ["json", fence("json", '{ "scripts": { "setup": "pip install -e ." } }')],
    ["text", fence("text", "pip install requests")],
    ["markdown", fence("markdown", "pip install requests")],
    ["no info string", fence("", "pip install requests")],
    ["indented code block", ["    pip install requests"]],
  ])("skips a %s block", (_name, lines) => {
    expect(embed(md("Intro.", "", ...lines)).snippets).toEqual([]);
  });

  it.each([
    ["pip install requests", true],
    ["python3.11 -m venv .venv", true],
    ["pip3.12 install x", true],
    ["cd evio && uv run x", true],
    ["sudo pip install x", true],
    ["nix-shell -p uv", true],
    ["pytest", false],
    ["uv", false],
    ["uvicorn app:main", false],
    ["flake.nix", false],
    ["[tool.uv.sources]", false],
    ["python3.x -m pip", false],
  ])("inline `%s` looks like a command: %s", (code, expected) => {
    expect(embed(md(`Run \`${code}\`.`)).snippets.length).toBe(expected ? 1 : 0);
  });

  // contract.md, "Added 2026-12": a span that starts with a catalogue command word is linted in
  // prose, unless a counter-example marker leads it or its own clause says it is the wrong way.
  it.each([
    ["Run `pip install x`.", ["pip install x"]],
    ["Then run `pip install x` once.", ["pip install x"]],
    ["- ✅ Use `pip install x`", ["pip install x"]],
    ["`pip install x`", ["pip install x"]],
    ["- `pip install x` to get it", ["pip install x"]],
    ["Install it: `pip install x`", ["pip install x"]],
    ["| `pip install x` | old |", ["pip install x"]],
    ["Run `uv sync`, or `pip install -e .` from this directory.", ["uv sync", "pip install -e ."]],
    ["Install evlib (`pip install evlib`).", ["pip install evlib"]],
    ["- [ ] Run `uv pip install x`", ["uv pip install x"]],
    ["Then `pyright src/` checks the types.", ["pyright src/"]],
    ["Activating a venv (`source .venv/bin/activate`) hides it.", ["source .venv/bin/activate"]],
    ["See `pip install x`.", ["pip install x"]],
    ["Set `PIP_USER=1 pip install x` to reproduce.", ["PIP_USER=1 pip install x"]],
    ["Or call `.venv/bin/python -m evio` directly.", [".venv/bin/python -m evio"]],
    // the wrong way, said in the span's own clause
    ["`pip install x` bypasses the lockfile.", []],
    ["`poetry install` -> `uv sync`", ["uv sync"]],
    ["`poetry install` → `uv sync`", ["uv sync"]],
    ["Disallow `pip install x` and friends.", []],
    ["You should never run `pip install x` or `pip install y` here.", []],
    ["Use `uv add x` instead of `pip install x`.", ["uv add x"]],
    ["Please do not use `pip install x`. Run `uv sync` instead.", ["uv sync"]],
    ["Do not use `pip install x`. Run `uv sync` instead.", []], // the marker leads the line
    ["| Never | `pip install x` |", ["pip install x"]],
    ["`conda install x` is not supported.", []],
    // the span is talked about: the subject of its clause, named "as"/"of", judged after
    ["`pip install NAME...` and `pip install -r FILE` become `uv add --package M ...`.", ["uv add --package M ..."]],
    ["`python -m venv`, `virtualenv` and `source .venv/bin/activate` make environments.", []],
    ["`cd evio && uv run x` (also `pushd`) makes uv pick the folder.", []],
    ["So `sudo pip install x` is seen as `sudo ...` and as `pip install x` (with wrappers).", []],
    ["It gets a suggestion of `python -m`, since the module is a guess.", []],
    ["`uv sync` first, then `uv run pytest`.", ["uv sync", "uv run pytest"]],
    ["`uv sync` installs everything.", []],
    // a tool named in prose, not a command line
    ["Install `pip` and `uv`, then read `pyproject.toml`.", []],
    ["The `uvicorn app:main` server and `flake.nix` file.", []],
  ])("inline code in context %j gives %j", (line, expected) => {
    expect(embed(md(line)).snippets.map((s) => s.text)).toEqual(expected);
  });

  it("reads all-caps words of an inline span as metavariables (`X.py`, `NAME`, `FILE`), not `VAR=1`", () => {
    const [snippet] = embed(md("Run `PIP_USER=1 uv run X.py NAME -r FILE a.py`.")).snippets;
    expect(slices(snippet!, snippet!.placeholders)).toEqual(["X.py", "NAME", "FILE"]);
  });

  it("leaves inline code alone when options.inlineCode is off", () => {
    const { snippets } = embed(md("Run `uv sync --frozen`.", "", ...fence("bash", "uv sync")), {
      ...OPTIONS,
      inlineCode: false,
    });
    expect(snippets.map((s) => s.origin)).toEqual(["markdown:bash"]);
  });
});

// --- counter-examples -------------------------------------------------------------------------

const COUNTER_EXAMPLE_CASES: { name: string; source: string; emitted: string[] }[] = [
  { name: "❌ before an inline span", source: md("❌ `pip install requests`"), emitted: [] },
  { name: "✅ line is linted", source: md("✅ `uv add --package x y`"), emitted: ["uv add --package x y"] },
  {
    name: "❌ line then ✅ line in one paragraph",
    source: md("❌ `pip install requests`", "✅ `uv add --package x y`"),
    emitted: ["uv add --package x y"],
  },
  {
    name: "a wrapped sentence keeps its ❌",
    source: md("❌ Never run `pip install x` or", "`pip install y` either."),
    emitted: [],
  },
  {
    name: "list item leading with ❌ **NEVER**",
    source: md("- ❌ **NEVER** run `pip install`", "- ✅ Use `uv add --package <member> <dependency>`"),
    emitted: ["uv add --package _member_ _dependency_"],
  },
  {
    name: "list under a **Never:** lead-in",
    source: md("**Never:**", "- ❌ `cd workspace/libs/evio-core && python ...`", "- `cd evio && uv run ...`"),
    emitted: [],
  },
  {
    name: "list under a Don’t (curly apostrophe) lead-in, after a blank line",
    source: md("Don’t:", "", "- `pip install numpy`", "- `poetry add numpy`"),
    emitted: [],
  },
  {
    name: "list item leading with a marker covers its nested block",
    source: md("- ❌ Don't:", "", "  ```bash", "  pip install x", "  ```", "- `uv sync --frozen`"),
    emitted: ["uv sync --frozen"],
  },
  {
    name: "heading ## Wrong way covers its section, subsections included",
    source: md(
      "## Wrong way",
      "",
      ...fence("bash", "pip install x"),
      "",
      "### Details",
      "",
      "`cd evio && python x.py`",
      "",
      "## Right way",
      "",
      ...fence("bash", "uv sync"),
    ),
    emitted: ["uv sync"],
  },
  {
    name: "a deeper marked heading ends at the next heading of its level",
    source: md("## Setup", "", "### Old setup", "", "`pip install x`", "", "### Now", "", "`uv sync --frozen`"),
    emitted: ["uv sync --frozen"],
  },
  {
    name: "Before: lead-in silences only the next block",
    source: md(
      "Before:",
      "",
      ...fence("bash", "cd evio && pip install -e ."),
      "",
      "After:",
      "",
      ...fence("bash", "uv sync --package evio"),
    ),
    emitted: ["uv sync --package evio"],
  },
  {
    name: "a lead-in covers the immediately following block only",
    source: md("Wrong:", "", ...fence("bash", "pip install x"), "", ...fence("bash", "uv sync")),
    emitted: ["uv sync"],
  },
  {
    name: "a marker leading the last line of a lead-in paragraph",
    source: md("The shell hook used to do this.", "Anti-pattern:", ...fence("bash", "pip install -r requirements.txt")),
    emitted: [],
  },
  {
    name: "first comment line # Current (WRONG)",
    source: md(...fence("bash", "# Current (WRONG)", "pip install -r requirements.txt")),
    emitted: [],
  },
  { name: "> ❌ in a blockquote", source: md("> ❌ `pip install x`"), emitted: [] },
  { name: "🚫 marker", source: md("🚫 `conda install numpy`"), emitted: [] },
  { name: "✗ marker", source: md("- ✗ `pipenv install`"), emitted: [] },
  {
    name: "upper-case DO NOT",
    source: md("**DO NOT** run:", "", ...fence("bash", "pip install x")),
    emitted: [],
  },
  {
    name: "free-prose Never in a sentence silences nothing",
    source: md("The rule is simple: Never pip, never cd.", "", ...fence("bash", "uv sync")),
    emitted: ["uv sync"],
  },
  {
    name: "list item 'Never pip, never cd' without code silences nothing after the list",
    source: md("1. Read this file", "2. Never pip, never cd", "", ...fence("bash", "uv sync")),
    emitted: ["uv sync"],
  },
  {
    name: "word boundaries: Beforehand, Badge, Oldest are not markers",
    source: md(
      "Beforehand, sync:",
      "",
      ...fence("bash", "uv sync"),
      "",
      "Badge: `uv run --package evio x`",
      "",
      "Oldest first: `uv lock --check`",
    ),
    emitted: ["uv sync", "uv run --package evio x", "uv lock --check"],
  },
];

describe("markdownSnippets: counter-examples", () => {
  it.each(COUNTER_EXAMPLE_CASES)("$name", ({ source, emitted }) => {
    expect(embed(source).snippets.map((s) => s.text)).toEqual(emitted);
  });

  it("excludes a # Wrong region and keeps the # Right region of one block", () => {
    const body = ["uv sync", "# Wrong", "pip install x", "cd evio && uv run y", "# Right", "uv add --package evio x"];
    const { snippets } = embed(md(...fence("bash", ...body)));
    expect(snippets).toHaveLength(1);
    const snippet = snippets[0]!;
    expect(slices(snippet, snippet.excluded)).toEqual(["# Wrong\npip install x\ncd evio && uv run y"]);
    expect(instructions(snippet)).not.toMatch(/pip install|cd evio/);
    expect(instructions(snippet)).toContain("uv add --package evio x");
  });

  it("ends an excluded region of a console block at an unmarked comment", () => {
    const { snippets } = embed(
      md("```console", "# Old way", "$ pip install x", "Successfully installed x", "$ # New way", "$ uv add x", "```"),
    );
    const snippet = snippets[0]!;
    expect(snippet.text).toBe("pip install x\n# New way\nuv add x");
    expect(slices(snippet, snippet.excluded)).toEqual(["pip install x"]);
  });

  it("takes the markers from the options", () => {
    const source = md("Legacy:", "", ...fence("bash", "pip install x"), "", "Never:", "", ...fence("bash", "uv sync"));
    const { snippets } = embed(source, { ...OPTIONS, counterExampleMarkers: ["Legacy"] });
    expect(snippets.map((s) => s.text)).toEqual(["uv sync"]);
  });
});

// --- placeholders -----------------------------------------------------------------------------

describe("markdownSnippets: placeholders", () => {
  it("substitutes <word> with a same-length word and records it", () => {
    const { snippets } = embed(md(...fence("bash", "uv add --package <member> <package>", "python <file>.dat")));
    const snippet = snippets[0]!;
    expect(snippet.text).toBe("uv add --package _member_ _package_\npython _file_.dat");
    expect(slices(snippet, snippet.placeholders)).toEqual(["_member_", "_package_", "_file_"]);
    expect(snippet.placeholders.map((r) => snippet.host.slice(snippet.map.toHostRange(r)))).toEqual([
      "<member>",
      "<package>",
      "<file>",
    ]);
    expect(snippet.map.isVerbatim(snippet.placeholders[0]!)).toBe(false);
  });

  it("leaves real redirections alone", () => {
    const body = ["uv sync 2>/dev/null", "sort < in.txt > out.txt", "cat <<EOF>out.txt", "x", "EOF"];
    const snippet = embed(md(...fence("bash", ...body))).snippets[0]!;
    expect(snippet.text).toBe(body.join("\n"));
    expect(snippet.placeholders).toEqual([]);
  });

  it("records {name}, ... and path/to/ words without changing them", () => {
    const body = 'cp {name}.toml path/to/x "path/to/y z" ...\necho ${name} {a..z} mypath/to/q';
    const snippet = embed(md(...fence("sh", body))).snippets[0]!;
    expect(snippet.text).toBe(body);
    expect(slices(snippet, snippet.placeholders)).toEqual(["{name}", "path/to/x", "path/to/y", "..."]);
  });

  it.each([
    [
      "console",
      md("```console", "$ uv run --package <member> <command>", "```"),
      "uv run --package _member_ _command_",
    ],
    ["inline", md("Run `uv run --package <member> <command>`."), "uv run --package _member_ _command_"],
    ["dockerfile", md(...fence("dockerfile", "FROM <image>")), "FROM _image_"],
    ["nix (not shell-like)", md(...fence("nix", "import <nixpkgs> {}")), "import <nixpkgs> {}"],
  ])("%s", (_name, source, text) => {
    expect(embed(source).snippets[0]!.text).toBe(text);
  });
});

// --- announced paths --------------------------------------------------------------------------

describe("markdownSnippets: announced paths", () => {
  it.each([
    ["Create: `evio/scripts/new.py`", "evio/scripts/new.py"],
    ["New file: docs/setup.md.", "docs/setup.md"],
    ["**File**: `flake.nix`", "flake.nix"],
    ["**File:** `nix/shell.nix`", "nix/shell.nix"],
    ["- Create: `workspace/libs/a/pyproject.toml`", "workspace/libs/a/pyproject.toml"],
    ["### File: `x/y.toml`", "x/y.toml"],
    ["> new file: `q.sh`", "q.sh"],
  ])("%s", (line, path) => {
    const { host, announcedPaths } = embed(md("Intro.", "", line));
    expect(announcedPaths.map((a) => [a.path, host.slice(a.range)])).toEqual([[path, path]]);
    expect(host.positionAt(announcedPaths[0]!.range.start).line).toBe(3);
  });

  it.each([
    ["no colon", "Create root `pyproject.toml` with workspace config"],
    ["bare word that is no path", "Create: a new member"],
    ["inside a code block", "```text\nCreate: `a/b.py`\n```"],
  ])("ignores %s", (_name, line) => {
    expect(embed(md(line)).announcedPaths).toEqual([]);
  });
});

// --- seeds ------------------------------------------------------------------------------------

describe("markdownSnippets: seeds", () => {
  const design = embed(readFileSync(SEED_DESIGN, "utf8"));
  const shell = design.snippets.filter((s) => s.language === "shell");

  it("emits no counter-example from the design doc", () => {
    for (const snippet of shell) {
      const text = instructions(snippet);
      expect(text).not.toContain("pip install");
      expect(text).not.toMatch(/^\s*cd /m);
    }
  });

  it("emits the design doc's instructions", () => {
    const texts = shell.map((s) => s.text);
    const demo = "uv run --package evio python scripts/play_dat.py data/fan/fan_const_rpm.dat";
    expect(texts.some((t) => t.includes(demo))).toBe(true);
    expect(texts).toContain("uv add --package _member_ requests && uv sync");
    expect(texts).toContain("uv run --package evio-core python -m evio_core");
    expect(design.snippets.filter((s) => s.origin === "markdown:toml")).toHaveLength(4);
    expect(design.snippets.filter((s) => s.origin === "markdown:nix")).toHaveLength(1);
  });

  it("follows CommonMark where a ```markdown fence holds ```bash fences", () => {
    const lineOf = (s: Snippet): number => s.host.positionAt(s.map.toHost(0)).line;
    const starts = design.snippets.map(lineOf);
    // ```bash at line 302 is text inside the ```markdown fence (an opening fence with an info
    // string cannot close one); the bare ``` at 304 closes it, so the ```bash at 307 is real.
    expect(starts).not.toContain(303);
    expect(starts).toContain(308);
    // The bare ``` at 409 opens a block that the ``` at 454 closes: "Test 1" is not a shell block.
    expect(starts).not.toContain(450);
    expect(starts).toContain(458);
  });

  it("emits the dev-shell doc's `python -m pip list --user` block", () => {
    const { snippets } = embed(readFileSync(SEED_DEV_SHELL, "utf8"));
    expect(snippets.map((s) => s.text)).toContain("python -m pip list --user");
  });
});

// --- every verbatim snippet character is the host character it maps to ------------------------

describe("markdownSnippets: offset maps", () => {
  const seeds = [readFileSync(SEED_DESIGN, "utf8"), readFileSync(SEED_DEV_SHELL, "utf8")];
  const documents = [
    ...LOCATION_CASES.map((c) => c.source),
    ...COUNTER_EXAMPLE_CASES.map((c) => c.source),
    ...seeds,
    ...seeds.map((text) => text.replace(/\n/g, "\r\n")),
    // a console block with a tab in a list item in a blockquote, then a wrapped inline span
    md("> - a", ">", ">   ```console", ">   $ uv sync \\", ">   \t--frozen", ">   out", ">   ```"),
    md("> x `uv run", ">   a b`"),
  ];

  it.each(documents.map((text, i) => [i, text] as const))("document %i", (_i, text) => {
    const { host, snippets } = embed(text);
    for (const snippet of snippets) {
      expect(snippet.map.snippetLength).toBe(snippet.text.length);
      for (const seg of snippet.map.segments) {
        if (seg.kind !== "verbatim") continue;
        for (let i = seg.snippetStart; i < seg.snippetEnd; i++) {
          const where = `offset ${i} of ${JSON.stringify(snippet.text)}`;
          expect(snippet.text[i], where).toBe(host.text[snippet.map.toHost(i)]);
        }
      }
    }
  });

  it("keeps CRLF out of the snippet text", () => {
    const crlf = readFileSync(SEED_DESIGN, "utf8").replace(/\n/g, "\r\n");
    const lf = embed(readFileSync(SEED_DESIGN, "utf8")).snippets.map((s) => s.text);
    const snippets = embed(crlf).snippets;
    expect(snippets.map((s) => s.text)).toEqual(lf);
    for (const s of snippets) expect(s.text).not.toContain("\r");
  });
});

describe("comment markers inside blocks", () => {
  const opts = OPTIONS;
  it.each([
    ["# Run this before committing\npip install x", true],
    ["# Old habits die hard, but:\npip install x", false],
    ["# Current (WRONG)\npip install x", false],
    ["# NEVER do this\npip install x", false],
    ["# this is ❌\npip install x", false],
    ["# wrong\npip install x", false],
  ])("%j emitted: %s", (code, emitted) => {
    const host = new SourceFile("docs/x.md", "```bash\n" + code + "\n```\n");
    const texts = markdownSnippets(host, opts).snippets.map((s) => s.text);
    expect(texts.some((t) => t.includes("pip install x"))).toBe(emitted);
  });
});

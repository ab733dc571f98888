import { describe, expect, it } from "vitest";
import { parseToml, sharedTomlValues, verifyToml, type TomlDocument, type TomlPath } from "../../src/parse/toml.js";
import type { Range } from "../../src/text/range.js";
import { SourceFile } from "../../src/text/source-file.js";

// Every fixture starts with non-ASCII text so that a byte or code-point offset would show.
const UNICODE = "# ❌ é 😀\n";

function parsed(text: string): TomlDocument {
  const { document, problems } = parseToml(text);
  expect(problems).toEqual([]);
  return document!;
}

/** The text under a range and where it starts, as a reader would see it. */
function at(text: string, range: Range | undefined) {
  if (!range) return undefined;
  const file = new SourceFile("x.toml", text);
  const { line, column } = file.positionAt(range.start);
  return { text: file.slice(range), line, column };
}

const PYPROJECT = `${UNICODE}[project]
name = "fan-bbox"
urls.homepage = "https://example.org"  # ❌ é 😀
a.b."c.d" = 1
dependencies = [
    "evio-core",
    "opencv-python>=4.8.0",
]

[tool."uv".sources]
"evio-core" = { workspace = true }
'lit.key' = { path = "../lit", editable = true }

[[tool.uv.index]]
name = "pytorch"
url = "https://download.pytorch.org/whl/cpu"

[[tool.uv.index]]
name = "internal"

[tool.uv]
package = true

[tool]
ruff.line-length = 100
`;

describe("parseToml ranges", () => {
  const doc = parsed(PYPROJECT);

  it.each<[string, "valueRange" | "keyRange" | "tableRange", TomlPath, string | undefined, number, number]>([
    ["plain value", "valueRange", ["project", "name"], '"fan-bbox"', 3, 8],
    ["dotted key value", "valueRange", ["project", "urls", "homepage"], '"https://example.org"', 4, 17],
    ["dotted key, last segment", "keyRange", ["project", "urls", "homepage"], "homepage", 4, 6],
    ["dotted key, first segment", "keyRange", ["project", "urls"], "urls", 4, 1],
    ["quoted segment of a dotted key", "keyRange", ["project", "a", "b", "c.d"], '"c.d"', 5, 5],
    ["array element", "valueRange", ["project", "dependencies", 1], '"opencv-python>=4.8.0"', 8, 5],
    ["first array element", "valueRange", ["project", "dependencies", 0], '"evio-core"', 7, 5],
    ["quoted key", "keyRange", ["tool", "uv", "sources", "evio-core"], '"evio-core"', 12, 1],
    ["inline table", "valueRange", ["tool", "uv", "sources", "evio-core"], "{ workspace = true }", 12, 15],
    ["value inside an inline table", "valueRange", ["tool", "uv", "sources", "evio-core", "workspace"], "true", 12, 29],
    ["inline table as table", "tableRange", ["tool", "uv", "sources", "lit.key"], '{ path = "../lit", editable = true }', 13, 13],
    ["literal-quoted key", "keyRange", ["tool", "uv", "sources", "lit.key"], "'lit.key'", 13, 1],
    ["header with a quoted segment", "tableRange", ["tool", "uv", "sources"], '[tool."uv".sources]', 11, 1],
    ["header key segment", "keyRange", ["tool", "uv", "sources"], "sources", 11, 12],
    ["array of tables, second element", "valueRange", ["tool", "uv", "index", 1, "name"], '"internal"', 20, 8],
    ["array of tables, first element", "valueRange", ["tool", "uv", "index", 0, "url"], '"https://download.pytorch.org/whl/cpu"', 17, 7],
    ["array of tables header", "tableRange", ["tool", "uv", "index"], "[[tool.uv.index]]", 15, 1],
    ["element of an array of tables", "tableRange", ["tool", "uv", "index", 1], "[[tool.uv.index]]", 19, 1],
    ["key of an array-of-tables element", "keyRange", ["tool", "uv", "index", 1], "index", 19, 11],
    ["key inside an array-of-tables element", "keyRange", ["tool", "uv", "index", 1, "name"], "name", 20, 1],
    ["header after its subtables", "tableRange", ["tool", "uv"], "[tool.uv]", 22, 1],
    ["key of a header after its subtables", "keyRange", ["tool", "uv"], "uv", 22, 7],
    ["value under a late header", "valueRange", ["tool", "uv", "package"], "true", 23, 11],
    ["top table declared last", "tableRange", ["tool"], "[tool]", 25, 1],
    ["dotted key under a late header", "valueRange", ["tool", "ruff", "line-length"], "100", 26, 20],
  ])("%s", (_name, method, path, expected, line, column) => {
    expect(at(PYPROJECT, doc[method](path))).toEqual({ text: expected, line, column });
  });

  it.each<[string, TomlPath]>([
    ["a table made by dotted keys", ["project", "urls"]],
    ["a table made by a deeper header", ["tool", "uv", "workspace"]],
    ["a path that does not exist", ["project", "version"]],
  ])("has no table range for %s", (_name, path) => {
    expect(doc.tableRange(path)).toBeUndefined();
  });

  it("keeps the plain values", () => {
    expect(doc.value).toMatchObject({
      project: { name: "fan-bbox", dependencies: ["evio-core", "opencv-python>=4.8.0"] },
      tool: { uv: { package: true, sources: { "evio-core": { workspace: true } } } },
    });
  });

  it("covers every [[section]] of an array of tables", () => {
    const range = doc.valueRange(["tool", "uv", "index"])!;
    expect(PYPROJECT.slice(range.start, range.end)).toBe(
      '[[tool.uv.index]]\nname = "pytorch"\nurl = "https://download.pytorch.org/whl/cpu"\n\n[[tool.uv.index]]\nname = "internal"',
    );
  });
});

describe("parseToml errors", () => {
  it.each<[string, string, number, number, string]>([
    ["a bad value", `${UNICODE}bad ===\n`, 2, 6, "invalid value"],
    ["a duplicate key", "a = 1\na = 2\n", 2, 1, "redefine"],
    ["an unclosed header", `${UNICODE}[project\nname = "x"\n`, 2, 9, "illegal character"],
    ["text after a value", `${UNICODE}[project]\nname = "😀" x\n`, 3, 13, "end-of-line"],
  ])("reports %s with its line and column", (_name, text, line, column, words) => {
    const { document, problems } = parseToml(text);
    expect(document).toBeNull();
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem!.message).toContain(words);
    expect(problem!.message).not.toContain("\n");
    expect(new SourceFile("x.toml", text).positionAt(problem!.range.start)).toMatchObject({ line, column });
  });
});

describe("verifyToml", () => {
  it.each<[string, string, number]>([
    ["a duplicate key", "a = 1\na = 2\n", 2],
    ["a duplicate table", "x = 1\n[t]\nb = 1\n[t]\nc = 2\n", 4],
    ["a header over a dotted-key table", "[a]\nb.c = 1\n[a.b]\nd = 2\n", 3],
    ["a trailing comma in an inline table", `${UNICODE}a = { x = 1, }\n`, 2],
    ["an inline table over two lines", "a = { x = 1,\n  y = 2 }\n", 1],
    ["a bad value", `${UNICODE}bad ===\n`, 2],
  ])("rejects %s", (_name, text, line) => {
    const problem = verifyToml(text);
    expect(problem).not.toBeNull();
    expect(problem!.message).toMatch(/^Invalid TOML: /);
    const file = new SourceFile("x.toml", text);
    expect(problem!.range).toEqual({ start: file.lineStart(line), end: file.lineEnd(line) });
  });

  it.each<[string, string]>([
    ["a pyproject", PYPROJECT],
    ["multi-line strings", 'a = """\nx\n"""\nb = \'\'\'\ny\'\'\'\n'],
    ["CRLF line endings", "a = 1\r\n[b]\r\nc = 'x'\r\n"],
    ["an empty file", ""],
  ])("accepts %s", (_name, text) => {
    expect(verifyToml(text)).toBeNull();
  });
});

describe("tableInsertionPoint", () => {
  const SOURCES = `${UNICODE}[project]
name = "fan-bbox"

[tool.uv.sources]
evio-core = { workspace = true }  # ❌ é 😀
other = [
  { path = "../other" },
]

# Build settings belong to the next table
[build-system]
requires = ["hatchling"]
`;

  it("is the line after the last entry of a table followed by comments and tables", () => {
    const doc = parsed(SOURCES);
    const offset = doc.tableInsertionPoint(["tool", "uv", "sources"])!;
    expect(new SourceFile("x.toml", SOURCES).positionAt(offset)).toMatchObject({ line: 10, column: 1 });
    const edited = SOURCES.slice(0, offset) + "fan = { workspace = true }\n" + SOURCES.slice(offset);
    expect(edited).toContain('  { path = "../other" },\n]\nfan = { workspace = true }\n\n# Build settings');
    expect(verifyToml(edited)).toBeNull();
  });

  it.each<[string, string, TomlPath, string]>([
    ["an empty table", "[tool.uv.sources]  # none yet\n[x]\n", ["tool", "uv", "sources"], "[tool.uv.sources]  # none yet\n|[x]\n"],
    ["a table ending the file without a newline", "[t]\na = 1", ["t"], "[t]\na = 1|"],
    ["CRLF line endings", "[t]\r\na = 1\r\n\r\n[u]\r\n", ["t"], "[t]\r\na = 1\r\n|\r\n[u]\r\n"],
    ["the root table", "a = 1\n\n[t]\nb = 2\n", [], "a = 1\n|\n[t]\nb = 2\n"],
    ["a root without entries", "[t]\nb = 2\n", [], "|[t]\nb = 2\n"],
    ["an inline table", "s = { a = 1 }\n", ["s"], "s = { a = 1| }\n"],
    ["an empty inline table", "s = {}\n", ["s"], "s = {|}\n"],
    ["an element of an array of tables", "[[i]]\nn = 1\n[[i]]\nn = 2\n# end\n", ["i", 1], "[[i]]\nn = 1\n[[i]]\nn = 2\n|# end\n"],
  ])("handles %s", (_name, text, path, marked) => {
    const offset = parsed(text).tableInsertionPoint(path)!;
    expect(text.slice(0, offset) + "|" + text.slice(offset)).toBe(marked);
  });

  it("is undefined for an implicit table", () => {
    expect(parsed("[tool.uv.sources]\na = 1\n").tableInsertionPoint(["tool", "uv"])).toBeUndefined();
    expect(parsed("[t]\nx.y = 1\n").tableInsertionPoint(["t", "x"])).toBeUndefined();
  });
});

describe("parseToml once per text", () => {
  it("gives the same document for the same text, and the same problems every time", () => {
    const text = `${UNICODE}[project]\nname = "a"\n`;
    expect(parseToml(text).document).toBe(parseToml(text).document);
    const bad = `${UNICODE}[project\n`;
    const first = parseToml(bad);
    first.problems.length = 0;
    expect(parseToml(bad).problems).toHaveLength(1);
  });

  it("shares one parse between the workspace model's values and the file's own lint (a uv.lock is megabytes)", () => {
    const lock = `${UNICODE}version = 1\n\n[manifest]\nmembers = ["a"]\n`;
    const values = sharedTomlValues(lock);
    expect(values?.["version"]).toBe(1);
    expect(parseToml(lock).document?.value).toBe(values);
    expect(sharedTomlValues(`${UNICODE}[project\n`)).toBeUndefined();
  });
});

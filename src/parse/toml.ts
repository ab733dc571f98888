import { createRequire } from "node:module";
import type { AST } from "toml-eslint-parser";
import { cover, type Range } from "../text/range.js";
import { SourceFile } from "../text/source-file.js";
import type { ParseProblem } from "./problem.js";

// `--help`, `explain`, `--list-rules` and a run with no TOML to read load no TOML library: the
// rules import fact modules that import this one. smol-toml (values) and @ltd/j-toml (the fix
// verifier) ship CommonJS and load synchronously on first use; toml-eslint-parser (ranges) is
// ESM-only, so whoever parses first awaits loadTomlParser() (the CLI, the engine, the LSP).
// Not named `require`: that name would shadow the bundle's own below.
const fromNodeModules = createRequire(import.meta.url);
/**
 * The bundle's own `require` (tools/bundle.ts defines it), which esbuild follows: there smol-toml
 * is inside the bundle and its code cache, run on first use; read from node_modules it cost 5-8 ms
 * of every run with a pyproject. tsc's output has none and requires it from node_modules.
 */
declare const __evioRequire: ((id: string) => unknown) | undefined;
let smol: typeof import("smol-toml") | undefined;
let ranges: typeof import("toml-eslint-parser") | undefined;
const values = (): typeof import("smol-toml") =>
  (smol ??= (typeof __evioRequire === "function" ? __evioRequire("smol-toml") : fromNodeModules("smol-toml")) as typeof import("smol-toml"));

/** Load the range parser; parseToml needs this done once per process. */
export async function loadTomlParser(): Promise<void> {
  ranges ??= await import("toml-eslint-parser");
}

/** Plain values of a TOML text (smol-toml); throws its TomlError on invalid TOML. */
export function parseTomlValues(text: string): Record<string, unknown> {
  return values().parse(text);
}

/** Keys and array indexes from the document root, e.g. `["project", "dependencies", 2]`. */
export type TomlPath = readonly (string | number)[];

export interface TomlDocument {
  /** plain JS values (smol-toml) */
  readonly value: Record<string, unknown>;
  /**
   * The value at a path: a scalar, array or inline table literal; for a `[table]`, the header
   * with its key/value lines; for an array of tables, all of its `[[...]]` sections.
   */
  valueRange(path: TomlPath): Range | undefined;
  /** The key segment naming the path's last element (in a `[table]` header for tables). */
  keyRange(path: TomlPath): Range | undefined;
  /** Where a `[table]` header or an inline table sits; undefined when the table is implicit. */
  tableRange(path: TomlPath): Range | undefined;
  /**
   * Where a new entry goes: for a `[table]` (or the root), the start of the line after its last
   * key/value line (after the header when it has none), so insert `entry + eol`; it is
   * `text.length` when that line ends the file without a line break. For an inline table, just
   * after its last value (after `{` when empty), so insert `, entry`. Undefined for implicit tables.
   */
  tableInsertionPoint(path: TomlPath): number | undefined;
}

interface Entry {
  key?: Range;
  /** a key segment that names the path only on the way to a deeper one (`tool` in `[tool.uv]`) */
  keyOnTheWay?: Range;
  value?: Range;
  table?: Range;
  insertion?: number;
}

type Parsed = { document: TomlDocument | null; problems: ParseProblem[] };

/**
 * One parse per distinct text per process: a pyproject is read by the workspace model, the
 * extractor and the fact provider, and a 170 KB uv.lock by two of them. Documents are read-only,
 * so sharing is safe; the memo is dropped once it holds more text than a very large workspace has.
 */
const memo = new Map<string, Parsed>();
let memoChars = 0;
const MEMO_MAX_CHARS = 64 * 1024 * 1024;

export function parseToml(text: string): Parsed {
  if (!ranges) throw new Error("the TOML parser is not loaded: await loadTomlParser() before parsing");
  const parsed = remembered(text);
  return { document: parsed.document, problems: [...parsed.problems] };
}

/**
 * The values of a text that parseToml is asked for too, from the same memo: the workspace model
 * reads uv.lock before the lock's own lint does, and a lock of 10,000 members is megabytes.
 * Undefined when it is not valid TOML.
 */
export function sharedTomlValues(text: string): Record<string, unknown> | undefined {
  return remembered(text).document?.value;
}

function remembered(text: string): Parsed {
  let parsed = memo.get(text);
  if (!parsed) {
    parsed = parseOnce(text);
    if (memoChars + text.length > MEMO_MAX_CHARS) memo.clear(), (memoChars = 0);
    memo.set(text, parsed);
    memoChars += text.length;
  }
  return parsed;
}

/** Values only (no ranges, no memo), for a quick look at a file; undefined when it is not valid TOML. */
export function tomlValues(text: string): Record<string, unknown> | undefined {
  try {
    return parseTomlValues(text);
  } catch {
    return undefined;
  }
}

/** A table among plain values (not an array, not a date). */
export function isTable(value: unknown): value is Record<string, unknown> {
  // smol-toml gives tables as null-prototype objects and dates as TomlDate (a Date)
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The plain value at a path; undefined when a step is missing or of the wrong type. */
export function valueAt(root: unknown, keys: TomlPath): unknown {
  let value = root;
  for (const key of keys) {
    if (Array.isArray(value) && typeof key === "number") value = value[key];
    else if (isTable(value) && typeof key === "string") value = value[key];
    else return undefined;
  }
  return value;
}

export function tableAt(root: unknown, keys: TomlPath): Record<string, unknown> | undefined {
  const value = valueAt(root, keys);
  return isTable(value) ? value : undefined;
}

/** The string elements of an array value, with their indexes (for ranges); [] for anything else. */
export function stringsIn(list: unknown): { value: string; index: number }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, index) => (typeof value === "string" ? [{ value, index }] : []));
}

function parseOnce(text: string): Parsed {
  let value: Record<string, unknown>;
  try {
    value = parseTomlValues(text);
  } catch (error) {
    return { document: null, problems: [valuesProblem(text, error)] };
  }
  // Ranges are indexed on the first question about one: the range parser costs five times what
  // smol-toml does, and most files (a 170 KB uv.lock above all) have no finding that needs a position.
  let entries: Map<string, Entry> | undefined;
  const indexed = (): Map<string, Entry> => {
    if (entries) return entries;
    if (!ranges) throw new Error("the TOML parser is not loaded: await loadTomlParser() before asking for a range");
    try {
      entries = new RangeIndexer(text).index(ranges.parseTOML(text, { tomlVersion: "next" }));
    } catch {
      // smol-toml decides validity; should the range parser disagree, values stay usable without ranges.
      entries = new Map();
    }
    return entries;
  };
  const at = (path: TomlPath) => indexed().get(pathKey(path));
  return {
    document: {
      value,
      valueRange: (path) => at(path)?.value,
      keyRange: (path) => at(path)?.key ?? at(path)?.keyOnTheWay,
      tableRange: (path) => at(path)?.table,
      tableInsertionPoint: (path) => at(path)?.insertion,
    },
    problems: [],
  };
}

/** Second, independent strict parse (@ltd/j-toml) used to verify text a fix wrote; null when fine. */
export function verifyToml(text: string): ParseProblem | null {
  try {
    (fromNodeModules("@ltd/j-toml") as typeof import("@ltd/j-toml")).parse(text, { joiner: "\n" });
    return null;
  } catch (error) {
    const message = firstLine(error instanceof Error ? error.message : String(error));
    const line = /\bat line (\d+)/.exec(message)?.[1];
    const file = new SourceFile("", text);
    const range =
      line === undefined
        ? { start: 0, end: 0 }
        : { start: file.lineStart(Number(line)), end: file.lineEnd(Number(line)) };
    return { message: `Invalid TOML: ${message}`, range };
  }
}

function valuesProblem(text: string, error: unknown): ParseProblem {
  if (!(error instanceof values().TomlError)) {
    return { message: `Invalid TOML: ${String(error)}`, range: { start: 0, end: 0 } };
  }
  const file = new SourceFile("", text);
  const start = file.offsetAt(error.line, error.column);
  const end = start < file.lineEnd(error.line) ? start + 1 : start;
  const detail = firstLine(error.message).replace(/^Invalid TOML document: /, "");
  return { message: `Invalid TOML: ${detail}`, range: { start, end } };
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0]!.trim();
}

function pathKey(path: TomlPath): string {
  return JSON.stringify(path);
}

function nodeRange(node: { range: [number, number] }): Range {
  return { start: node.range[0], end: node.range[1] };
}

/** Walks toml-eslint-parser's tree once, recording ranges by path. */
class RangeIndexer {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly text: string) {}

  index(program: AST.TOMLProgram): Map<string, Entry> {
    const top = program.body[0];
    const root = this.entry([]);
    root.value = { start: 0, end: this.text.length };
    const lastPair = top.body.filter((node) => node.type === "TOMLKeyValue").at(-1);
    root.insertion = lastPair ? this.lineAfter(lastPair.range[1]) : 0;
    for (const node of top.body) {
      if (node.type === "TOMLKeyValue") this.keyValue(node, []);
      else this.table(node);
    }
    return this.entries;
  }

  private entry(path: TomlPath): Entry {
    const key = pathKey(path);
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = {}));
    return entry;
  }

  private keyValue(pair: AST.TOMLKeyValue, base: TomlPath): void {
    const names = pair.key.keys.map(keyName);
    pair.key.keys.forEach((segment, i) => {
      this.key([...base, ...names.slice(0, i + 1)], segment, i === names.length - 1);
    });
    this.value([...base, ...names], pair.value);
  }

  private key(path: TomlPath, segment: AST.TOMLBare | AST.TOMLQuoted, names: boolean): void {
    const entry = this.entry(path);
    if (names) entry.key ??= nodeRange(segment);
    else entry.keyOnTheWay ??= nodeRange(segment);
  }

  private value(path: TomlPath, node: AST.TOMLContentNode): void {
    const entry = this.entry(path);
    entry.value ??= nodeRange(node);
    if (node.type === "TOMLArray") {
      node.elements.forEach((element, i) => this.value([...path, i], element));
    } else if (node.type === "TOMLInlineTable") {
      entry.table ??= nodeRange(node);
      entry.insertion ??= node.body.at(-1)?.range[1] ?? node.range[0] + 1;
      for (const pair of node.body) this.keyValue(pair, path);
    }
  }

  private table(table: AST.TOMLTable): void {
    // resolvedKey interleaves names with array-of-tables indexes: [[a.b]] -> ["a", 1, "b", 0]
    const path = table.resolvedKey;
    const names = table.key.keys;
    let segment = 0;
    path.forEach((part, i) => {
      if (typeof part === "string") this.key(path.slice(0, i + 1), names[segment]!, ++segment === names.length);
    });
    const closing = this.text.indexOf("]", table.key.range[1]);
    const header = { start: table.range[0], end: closing + (table.kind === "array" ? 2 : 1) };
    const entry = this.entry(path);
    entry.value ??= nodeRange(table);
    entry.table ??= header;
    entry.insertion ??= this.lineAfter(table.body.at(-1)?.range[1] ?? header.end);
    if (table.kind === "array") {
      entry.key ??= nodeRange(names.at(-1)!);
      const array = this.entry(path.slice(0, -1));
      array.table ??= header;
      array.value = array.value ? cover(array.value, nodeRange(table)) : nodeRange(table);
    }
    for (const pair of table.body) this.keyValue(pair, path);
  }

  private lineAfter(offset: number): number {
    const newline = this.text.indexOf("\n", offset);
    return newline === -1 ? this.text.length : newline + 1;
  }
}

function keyName(segment: AST.TOMLBare | AST.TOMLQuoted): string {
  return segment.type === "TOMLBare" ? segment.name : segment.value;
}

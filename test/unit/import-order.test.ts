import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The pipeline's layers, first to last (docs/architecture.md draws them). A file may import its
// own layer or an earlier one, never a later one; folders named on one line are one layer (the two
// entry points). `text` and `parse` know nothing of the project, so every layer may use them:
// `discover` reads a pyproject to find the root. `fix` (edit layout, the fix loop, writes) comes
// before `rules`, which build their fixes' text with it; the loop runs whatever rules it is given.
const LAYERS: readonly (readonly string[])[] = [
  ["text"],
  ["parse"],
  ["discover"],
  ["embed"],
  ["facts"],
  ["config"],
  ["engine"],
  ["fix"],
  ["rules"],
  ["baseline", "cache"],
  ["report"],
  ["lsp", "cli"],
];

// Grammars are loaded in src/parse/ only (lazily, each behind one module): anywhere else a second
// copy of a parse, with its own idea of validity. Types are free to import.
const PARSER_PACKAGES = new Set(["smol-toml", "@ltd/j-toml", "toml-eslint-parser", "tree-sitter", "tree-sitter-bash", "web-tree-sitter", "@lezer/markdown", "mdast-util-from-markdown"]);

const repo = path.resolve(import.meta.dirname, "../..");

interface Edge {
  /** file:line */
  readonly from: string;
  /** a project file, or a package name */
  readonly to: string;
  readonly how: string;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(repo, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...tsFiles(rel));
    else if (e.name.endsWith(".ts")) out.push(rel);
  }
  return out.sort();
}

/** Every module a file names: imports and re-exports (type-only too), `import()` calls and types, `declare module` augmentations. */
function specifiers(file: string): { spec: string; how: string; line: number }[] {
  const text = fs.readFileSync(path.join(repo, file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: { spec: string; how: string; line: number }[] = [];
  const add = (node: ts.Node, spec: ts.Node | undefined, how: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    if (spec && ts.isStringLiteralLike(spec)) out.push({ spec: spec.text, how, line });
    // A computed specifier would hide an edge from this test.
    else out.push({ spec: `<computed: ${spec?.getText(sf) ?? "nothing"}>`, how, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ? "import type" : "import");
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node, node.moduleSpecifier, "export from");
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression, "import =");
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], "import()");
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, "import() type");
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) add(node, node.name, "declare module");
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A project file (`.js` specifiers name the `.ts` source), or the package name; undefined for other files (package.json). */
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return spec;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\.js$/, ".ts");
  return target.endsWith(".ts") ? target : undefined;
}

const isProjectFile = (to: string) => to.startsWith("src/") || to.startsWith("rules/");

function layerOf(file: string): string {
  const parts = file.split("/");
  return parts[0] === "src" ? parts[1]! : parts[0]!;
}

function rank(layer: string): number {
  return LAYERS.findIndex((names) => names.includes(layer));
}

function readGraph(): { files: string[]; edges: Edge[] } {
  const files = [...tsFiles("src"), ...tsFiles("rules")];
  const edges: Edge[] = [];
  for (const from of files) {
    for (const { spec, how, line } of specifiers(from)) {
      const to = resolve(from, spec);
      if (to) edges.push({ from: `${from}:${line}`, to, how });
    }
  }
  return { files, edges };
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan's. */
function cycles(files: readonly string[], edges: readonly Edge[]): string[][] {
  const next = new Map<string, Set<string>>(files.map((f) => [f, new Set()]));
  for (const e of edges) if (isProjectFile(e.to)) next.get(e.from.replace(/:\d+$/, ""))?.add(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!next.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)!.has(v)) out.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return out;
}

describe("import order", () => {
  const { files, edges } = readGraph();

  it("reads the imports of every file under src/ and rules/", () => {
    // Guards against a reader that silently finds nothing.
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from.startsWith("src/engine/run.ts:") && e.to === "src/facts/shell/commands.ts")).toBe(true);
    expect(edges.some((e) => e.from.startsWith("rules/index.ts:") && e.how === "import()")).toBe(true);
  });

  it("places every folder of src/ in a layer", () => {
    const folders = [...new Set(files.map(layerOf))].sort();
    expect(folders.filter((f) => rank(f) < 0).map((f) => `${f}/ has no place in LAYERS (add it and to docs/architecture.md)`)).toEqual([]);
  });

  it("has no import against the documented order", () => {
    const against = edges
      .filter((e) => e.to.startsWith("<computed") || (isProjectFile(e.to) && rank(layerOf(e.to)) > rank(layerOf(e.from))))
      .map((e) => `${e.from} ${e.how} ${e.to}: ${layerOf(e.from)} comes before ${layerOf(e.to)}`);
    expect(against).toEqual([]);
  });

  it("loads grammars only in src/parse/", () => {
    const outside = edges.filter((e) => PARSER_PACKAGES.has(e.to) && !e.how.includes("type") && !e.from.startsWith("src/parse/"));
    expect(outside.map((e) => `${e.from} ${e.how} ${e.to}: use src/parse/`)).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(cycles(files, edges).map((c) => c.join(" <-> "))).toEqual([]);
  });

  it("is the order docs/architecture.md draws", () => {
    const doc = fs.readFileSync(path.join(repo, "docs/architecture.md"), "utf8");
    expect(doc).toContain(LAYERS.map((l) => l.join(" | ")).join(" -> "));
  });
});

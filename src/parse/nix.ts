import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Language, Parser, type Node, type Tree } from "web-tree-sitter";
import type { ParseProblem } from "./problem.js";
import { beforeWasmCompile } from "./wasm-tiering.js";

/**
 * A parsed Nix file. Node offsets are UTF-16 code units of the parsed text: web-tree-sitter reads
 * JS strings as UTF-16, so no byte conversion is needed (test/unit/parse-nix.test.ts proves it).
 */
export interface NixTree {
  readonly tree: Tree;
  readonly root: Node;
  readonly problems: readonly ParseProblem[];
}

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;

/** Loads the grammar once per process; later calls share the first load. */
export function loadNixParser(): Promise<void> {
  loading ??= createParser().then(
    (p) => (parser = p),
    (error: unknown) => {
      loading = undefined; // let a later call retry instead of caching the failure
      throw error;
    },
  );
  return loading.then(() => undefined);
}

/**
 * Trees by text: docs repeat one flake fragment in section after section (367 parses of 3 texts
 * in the benchmark's docs). A tree is never changed or deleted once returned, so callers may
 * share it. Bounded, for a language server that sees every edit of a file.
 */
const memo = new Map<string, NixTree>();
const MEMO_ENTRIES = 256;
const MEMO_TEXT = 64 * 1024;

export function parseNix(text: string): NixTree {
  if (!parser) throw new Error("The Nix grammar is not loaded: await loadNixParser() before parseNix()");
  if (text.length > MEMO_TEXT) return parseFresh(parser, text);
  let tree = memo.get(text);
  if (tree === undefined) {
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    tree = parseFresh(parser, text);
    memo.set(text, tree);
  }
  return tree;
}

function parseFresh(parser: Parser, text: string): NixTree {
  let tree = parseOrThrow(parser, text);
  // A formals comma is a `,` of the text: without one there is nothing to recover (most doc fragments).
  if (tree.rootNode.hasError && text.includes(",")) {
    const commas = trailingFormalCommas(tree.rootNode);
    if (commas.length > 0) {
      // Same length, so every offset and position of the re-parse holds for `text` too.
      let blanked = text;
      for (const at of commas) blanked = `${blanked.slice(0, at)} ${blanked.slice(at + 1)}`;
      tree.delete();
      tree = parseOrThrow(parser, blanked);
    }
  }
  const problems = syntaxProblems(tree.rootNode, text);
  // Nix needs one expression; the grammar accepts a file of nothing but comments.
  if (problems.length === 0 && !tree.rootNode.namedChildren.some((c) => c?.type !== "comment")) {
    problems.push({ message: "empty Nix file: expected an expression", range: { start: text.length, end: text.length } });
  }
  return { tree, root: tree.rootNode, problems: Object.freeze(problems) };
}

function parseOrThrow(p: Parser, text: string): Tree {
  const tree = p.parse(text);
  if (!tree) throw new Error("tree-sitter-nix returned no tree");
  return tree;
}

/**
 * Offsets of the commas that end a formals set (`{ lib, pkgs, }:`, `args@{ x ? [ ], }:`), which
 * Nix accepts and nixfmt writes (RFC 166) but the packaged grammar build predates. A comma is
 * only ever a formals separator in Nix, so the tokens around it decide: a formal before it (not
 * `{`, `,` or `...`, which Nix rejects), then `}`, then `:` or `@`. Comments in between are
 * trivia, as for Nix.
 */
function trailingFormalCommas(root: Node): number[] {
  const tokens = leaves(root).filter((n) => !n.isMissing && n.type !== "comment");
  const commas: number[] = [];
  for (let i = 1; i + 2 < tokens.length; i++) {
    if (tokens[i]!.type !== "," || tokens[i + 1]!.type !== "}" || ![":", "@"].includes(tokens[i + 2]!.type)) continue;
    if (["{", ",", "ellipses"].includes(tokens[i - 1]!.type)) continue;
    commas.push(tokens[i]!.startIndex);
  }
  return commas;
}

/** The tree's leaves in source order, ERROR leaves and MISSING tokens included. */
function leaves(root: Node): Node[] {
  const out: Node[] = [];
  const cursor = root.walk();
  const visit = (): void => {
    if (!cursor.gotoFirstChild()) {
      out.push(cursor.currentNode);
      return;
    }
    do visit();
    while (cursor.gotoNextSibling());
    cursor.gotoParent();
  };
  visit();
  cursor.delete();
  return out;
}

async function createParser(): Promise<Parser> {
  // Resolved through the package, not a relative path: this file runs from src/ and dist/src/.
  const pkg = createRequire(import.meta.url).resolve("@cursorless/tree-sitter-wasms/package.json");
  beforeWasmCompile();
  // Parser.init() swaps web-tree-sitter's runtime; a second grammar on it must share this call.
  // Its .wasm is found from the package, not from the module: in the bundle (tools/bundle.ts),
  // web-tree-sitter's code is the bundle's, and V8's code cache covers it.
  const runtime = path.dirname(createRequire(import.meta.url).resolve("web-tree-sitter"));
  await Parser.init({ locateFile: (file: string) => path.join(runtime, file) });
  // Bytes, not a path: for a path web-tree-sitter imports fs/promises, which the bundle's vm.Script cannot.
  const language = await Language.load(fs.readFileSync(path.join(path.dirname(pkg), "out", "tree-sitter-nix.wasm")));
  const p = new Parser();
  p.setLanguage(language);
  return p;
}

/** One problem per outermost ERROR or MISSING node. */
function syntaxProblems(root: Node, text: string): ParseProblem[] {
  const textLength = text.length;
  const problems: ParseProblem[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing && isEmptyInherit(node)) return;
    if (node.isMissing) {
      // tree-sitter puts the missing token right after the last good one; Nix (and the user)
      // see the error at the token that came instead, past any blanks.
      let at = node.startIndex;
      while (at < textLength && /\s/.test(text[at]!)) at++;
      const unexpected = text.slice(at).match(/^[^\s]+/)?.[0];
      problems.push({
        message: at >= textLength ? "unexpected end of file" : `unexpected \`${(unexpected ?? "").slice(0, 1)}\`, ${describe(node, text)}`,
        range: { start: at, end: Math.min(textLength, at + 1) },
      });
      return;
    }
    if (node.isError) {
      problems.push({ message: describe(node, text), range: { start: node.startIndex, end: node.endIndex } });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) visit(child);
  };
  visit(root);
  return problems;
}

/** `inherit;` and `inherit (x);` inherit nothing; Nix accepts them, the grammar wants a name. */
function isEmptyInherit(missing: Node): boolean {
  const attrs = missing.parent;
  return missing.type === "identifier" && attrs?.type === "inherited_attrs" && attrs.namedChildCount === 1 && attrs.nextSibling?.type === ";";
}

/** Excerpts come from `text`, not the nodes: a re-parsed tree holds the blanked copy. */
function describe(node: Node, text: string): string {
  if (node.isMissing) return node.isNamed ? `missing ${node.type.replace(/_/g, " ")}` : `missing \`${node.type}\``;
  const first = firstLeaf(node);
  // An opening quote that never closes leaves only the quote in the ERROR node.
  if (node.childCount === 1 && first && (first.type === "''" || first.type === '"')) return "unterminated string";
  if (node.startIndex >= text.length) return "unexpected end of file";
  const excerpt = text.slice(node.startIndex, node.endIndex).split("\n", 1)[0]!.trim();
  return `unexpected \`${excerpt.length <= 30 ? excerpt : first ? text.slice(first.startIndex, first.endIndex) : excerpt.slice(0, 30)}\``;
}

function firstLeaf(node: Node): Node | null {
  let current: Node | null = node;
  while (current && current.childCount > 0) current = current.child(0);
  return current;
}

import { createRequire } from "node:module";
import path from "node:path";
import { Language, Parser, type Node, type Tree } from "web-tree-sitter";
import type { ParseProblem } from "./problem.js";

/**
 * A parsed Nix file. Node offsets are UTF-16 code units of the parsed text: web-tree-sitter reads
 * JS strings as UTF-16, so no byte conversion is needed (test/unit/parse-nix.test.ts proves it).
 */
export interface NixTree {
  readonly tree: Tree;
  readonly root: Node;
  readonly problems: ParseProblem[];
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

export function parseNix(text: string): NixTree {
  if (!parser) throw new Error("The Nix grammar is not loaded: await loadNixParser() before parseNix()");
  const tree = parser.parse(text);
  if (!tree) throw new Error("tree-sitter-nix returned no tree");
  const problems = syntaxProblems(tree.rootNode, text);
  // Nix needs one expression; the grammar accepts a file of nothing but comments.
  if (problems.length === 0 && !tree.rootNode.namedChildren.some((c) => c?.type !== "comment")) {
    problems.push({ message: "empty Nix file: expected an expression", range: { start: text.length, end: text.length } });
  }
  return { tree, root: tree.rootNode, problems };
}

async function createParser(): Promise<Parser> {
  // Resolved through the package, not a relative path: this file runs from src/ and dist/src/.
  const pkg = createRequire(import.meta.url).resolve("@cursorless/tree-sitter-wasms/package.json");
  // Parser.init() swaps web-tree-sitter's runtime; a second grammar on it must share this call.
  await Parser.init();
  const language = await Language.load(path.join(path.dirname(pkg), "out", "tree-sitter-nix.wasm"));
  const p = new Parser();
  p.setLanguage(language);
  return p;
}

/** One problem per outermost ERROR or MISSING node. */
function syntaxProblems(root: Node, text: string): ParseProblem[] {
  const textLength = text.length;
  const problems: ParseProblem[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing) {
      // tree-sitter puts the missing token right after the last good one; Nix (and the user)
      // see the error at the token that came instead, past any blanks.
      let at = node.startIndex;
      while (at < textLength && /\s/.test(text[at]!)) at++;
      const unexpected = text.slice(at).match(/^[^\s]+/)?.[0];
      problems.push({
        message: at >= textLength ? "unexpected end of file" : `unexpected \`${(unexpected ?? "").slice(0, 1)}\`, ${describe(node, textLength)}`,
        range: { start: at, end: Math.min(textLength, at + 1) },
      });
      return;
    }
    if (node.isError) {
      problems.push({ message: describe(node, textLength), range: { start: node.startIndex, end: node.endIndex } });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) visit(child);
  };
  visit(root);
  return problems;
}

function describe(node: Node, textLength: number): string {
  if (node.isMissing) return node.isNamed ? `missing ${node.type.replace(/_/g, " ")}` : `missing \`${node.type}\``;
  const first = firstLeaf(node);
  // An opening quote that never closes leaves only the quote in the ERROR node.
  if (node.childCount === 1 && first && (first.type === "''" || first.type === '"')) return "unterminated string";
  if (node.startIndex >= textLength) return "unexpected end of file";
  const excerpt = node.text.split("\n", 1)[0]!.trim();
  return `unexpected \`${excerpt.length <= 30 ? excerpt : (first?.text ?? excerpt.slice(0, 30))}\``;
}

function firstLeaf(node: Node): Node | null {
  let current: Node | null = node;
  while (current && current.childCount > 0) current = current.child(0);
  return current;
}

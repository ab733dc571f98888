import path from "node:path";
import type { Node } from "web-tree-sitter";
import type { NixTree } from "../parse/nix.js";
import { nixStringValue } from "./nix-string-value.js";
import { childSnippet, type Origin, type Snippet } from "./snippet.js";

/** A Nix string literal whose value is a shell script, and where that script runs. */
interface ShellString {
  readonly node: Node;
  readonly cwd: string | null;
  readonly buildTime: boolean;
}

const SCRIPT_WRITERS = new Set(["writeShellScript", "writeShellScriptBin"]);
const RUN_COMMANDS = new Set(["runCommand", "runCommandLocal", "runCommandCC", "runCommandNoCC"]);

/**
 * The shell scripts written as string literals in a Nix snippet (docs/contract.md, "Where commands
 * hide"): shellHook values, writeShellScript(Bin) bodies, writeShellApplication's `text`,
 * runCommand bodies. Each literal of a `+` concatenation is a snippet of its own.
 */
export function nixShellSnippets(parent: Snippet, tree: NixTree, options: { shellDir?: string } = {}): Snippet[] {
  // `nix develop` runs a shellHook in the flake's folder; a fenced block has no folder of its own.
  const hookCwd = options.shellDir ?? (parent.origin === "nix" ? path.posix.dirname(parent.host.path) : ".");
  const origin = (parent.origin === "nix" ? "nix:shell" : `${parent.origin}:shell`) as Origin;
  const snippets: Snippet[] = [];
  for (const s of shellStrings(tree, hookCwd)) {
    const snippet = toSnippet(parent, s, origin);
    // An empty map has nowhere to place a range.
    if (snippet.text !== "") snippets.push(snippet);
  }
  return snippets;
}

/**
 * Trees are kept per text and never changed, and a document repeats one flake fragment section
 * after section: the strings are found once per tree (and folder), placed once per snippet.
 */
const STRINGS = new WeakMap<NixTree, Map<string, ShellString[]>>();

function shellStrings(tree: NixTree, hookCwd: string): ShellString[] {
  let byCwd = STRINGS.get(tree);
  if (!byCwd) STRINGS.set(tree, (byCwd = new Map()));
  let strings = byCwd.get(hookCwd);
  if (!strings) byCwd.set(hookCwd, (strings = findShellStrings(tree, hookCwd)));
  return strings;
}

function findShellStrings(tree: NixTree, hookCwd: string): ShellString[] {
  const found = new Map<number, ShellString>();
  // `f a b` nests as `(f a) b`; only the outermost application sees every argument. Nodes come
  // outermost first, so each marks its function as applied further: asking a node for its parent
  // costs its depth in web-tree-sitter, which is quadratic over a long chain.
  const appliedFurther = new Set<number>();
  for (const node of tree.root.descendantsOfType(["binding", "apply_expression"])) {
    if (node.type === "apply_expression") {
      const fn = node.childForFieldName("function");
      if (fn) appliedFurther.add(fn.id);
      if (appliedFurther.has(node.id)) continue;
    }
    for (const s of shellStringsAt(node, hookCwd)) {
      if (!found.has(s.node.startIndex)) found.set(s.node.startIndex, s);
    }
  }
  // A literal the parser could not close has no value to lint (parse-error reports it).
  return [...found.values()].filter((s) => !s.node.hasError).sort((a, b) => a.node.startIndex - b.node.startIndex);
}

function shellStringsAt(node: Node, hookCwd: string): ShellString[] {
  const each = (expr: Node | null | undefined, cwd: string | null, buildTime: boolean): ShellString[] =>
    stringParts(expr).map((n) => ({ node: n, cwd, buildTime }));
  if (node.type === "binding") {
    const attrs = node.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
    return nameOf(attrs[attrs.length - 1]) === "shellHook" ? each(node.childForFieldName("expression"), hookCwd, false) : [];
  }
  const { name, args } = call(node);
  if (name === undefined) return [];
  if (SCRIPT_WRITERS.has(name)) return each(args[1], ".", false);
  if (name === "writeShellApplication") return each(bindingValue(args[0], "text"), ".", false);
  // runCommand bodies run in the build sandbox: no repo folder to start in.
  if (RUN_COMMANDS.has(name)) return each(args[2], null, true);
  return [];
}

/** The string literals a value is made of: itself, or the parts of a `+` chain. */
function stringParts(expr: Node | null | undefined): Node[] {
  switch (expr?.type) {
    case "string_expression":
    case "indented_string_expression":
      return [expr];
    case "parenthesized_expression":
      return stringParts(expr.childForFieldName("expression"));
    case "binary_expression":
      if (expr.childForFieldName("operator")?.type !== "+") return [];
      return [...stringParts(expr.childForFieldName("left")), ...stringParts(expr.childForFieldName("right"))];
    case "apply_expression": {
      const { name, args } = call(expr);
      return name === "optionalString" ? stringParts(args[1]) : [];
    }
    default:
      return [];
  }
}

/** The function's last name (`pkgs.writeShellScriptBin` -> `writeShellScriptBin`) and its arguments. */
function call(node: Node): { name: string | undefined; args: Node[] } {
  const args: Node[] = [];
  let head: Node | null = node;
  while (head?.type === "apply_expression") {
    const arg = head.childForFieldName("argument");
    if (arg) args.unshift(arg);
    head = head.childForFieldName("function");
  }
  if (head?.type === "variable_expression") return { name: nameOf(head.childForFieldName("name")), args };
  if (head?.type === "select_expression") {
    const attrs = head.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
    return { name: nameOf(attrs[attrs.length - 1]), args };
  }
  return { name: undefined, args };
}

function nameOf(node: Node | null | undefined): string | undefined {
  return node?.type === "identifier" ? node.text : undefined;
}

/** The value bound to `name` in an attribute set literal (`{ text = ...; }`). */
function bindingValue(attrset: Node | undefined, name: string): Node | null {
  if (attrset?.type !== "attrset_expression" && attrset?.type !== "rec_attrset_expression") return null;
  for (const set of attrset.namedChildren) {
    if (set.type !== "binding_set") continue;
    for (const binding of set.namedChildren) {
      const attrs = binding.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
      if (binding.type === "binding" && attrs.length === 1 && nameOf(attrs[0]) === name) {
        return binding.childForFieldName("expression");
      }
    }
  }
  return null;
}

function toSnippet(parent: Snippet, s: ShellString, origin: Origin): Snippet {
  const { text, map, opaque, escape } = nixStringValue(s.node, parent.text);
  return childSnippet(parent, {
    text,
    map,
    language: "shell",
    origin,
    cwd: s.cwd,
    opaque,
    escape,
    ...(s.buildTime ? { buildTime: true } : {}),
  });
}

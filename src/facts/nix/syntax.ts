import type { Node, Tree } from "web-tree-sitter";

/** Reading Nix syntax trees: call chains, attribute names, parentheses. No scopes, no nixpkgs. */

/** The innermost function and the arguments of `f a b` (which nests as `(f a) b`). */
export function callParts(node: Node): { head: Node | null; args: Node[] } {
  const args: Node[] = [];
  let head: Node | null = node;
  while (head?.type === "apply_expression" || head?.type === "parenthesized_expression") {
    if (head.type === "parenthesized_expression") {
      head = head.childForFieldName("expression");
      continue;
    }
    const arg = head.childForFieldName("argument");
    if (arg) args.unshift(arg);
    head = head.childForFieldName("function");
  }
  return { head, args };
}

const callHeads = new WeakMap<Tree, Map<number, Node | null>>();

/**
 * The innermost function of a call, memoised per tree: a scan asks it of every application node,
 * and `f a a a ...` nests one node per argument, so walking the chain each time is quadratic.
 */
export function callHead(node: Node): Node | null {
  let memo = callHeads.get(node.tree);
  if (!memo) callHeads.set(node.tree, (memo = new Map()));
  const walked: number[] = [];
  let head: Node | null = node;
  while (head?.type === "apply_expression" || head?.type === "parenthesized_expression") {
    const known = memo.get(head.id);
    if (known !== undefined || memo.has(head.id)) {
      head = known ?? null;
      break;
    }
    walked.push(head.id);
    head = head.childForFieldName(head.type === "apply_expression" ? "function" : "expression");
  }
  for (const id of walked) memo.set(id, head);
  return head;
}

/** `pkgs.mkShell.override` -> ["pkgs", "mkShell", "override"]; `mkShell` -> ["mkShell"]. */
export function headNames(head: Node): string[] {
  if (head.type === "variable_expression") return [head.childForFieldName("name")?.text ?? ""];
  if (head.type === "select_expression") {
    const base = head.childForFieldName("expression");
    const attrs = head.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
    return [...(base ? headNames(base) : []), ...attrs.map((a) => attrName(a) ?? "")];
  }
  return [];
}

/** The attribute nodes of a select expression's or a binding's path (`b`, `c` of `a.b.c`). */
export function attrPath(node: Node): Node[] {
  return node.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
}

/** An attribute's static name: `x`, `"x"`; null for `${...}`. */
export function attrName(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === "identifier") return node.text;
  if (node.type === "string_expression" && node.namedChildren.every((c) => c?.type === "string_fragment")) {
    return node.namedChildren.map((c) => c!.text).join("");
  }
  return null;
}

/** The expression inside any parentheses. */
export function unwrap(node: Node): Node {
  let n = node;
  while (n.type === "parenthesized_expression" && n.childForFieldName("expression")) n = n.childForFieldName("expression")!;
  return n;
}

import type { Node } from "web-tree-sitter";
import { LIST_ATTRS } from "./catalogue.js";
import type { NixpkgsReach, DevShellInsertion } from "./facts.js";
import type { Locator } from "./locator.js";
import type { Env, KnownCall, NixpkgsEvaluator as Evaluator } from "./nixpkgs.js";
import { unwrap } from "./syntax.js";

/** Where nixpkgs attributes can be added to a dev shell written here: its package list, or its attribute set (a new `packages`). */
export function insertionPoint(ev: Evaluator, loc: Locator, devShell: KnownCall): DevShellInsertion | undefined {
  const arg = devShell.args[0];
  if (devShell.unit !== loc.current || arg?.kind !== "thunk") return undefined;
  const attrset = unwrap(arg.node);
  if (attrset.type !== "attrset_expression" && attrset.type !== "rec_attrset_expression") return undefined;
  const bindings = attrset.namedChildren.find((c) => c?.type === "binding_set")?.namedChildren.filter((b): b is Node => b !== null) ?? [];
  const named = (name: string) => bindings.find((b) => b.type === "binding" && b.childForFieldName("attrpath")?.text === name);
  const at = (n: Node) => loc.node(devShell.unit, n).range;
  const target = (expr: Node | null, env: Env): { list: Node; env: Env } | undefined => {
    if (!expr) return undefined;
    if (expr.type === "list_expression") return { list: expr, env };
    if (expr.type === "with_expression") return target(expr.childForFieldName("body"), ev.withEnv(expr, env, devShell.unit));
    if (expr.type === "parenthesized_expression") return target(expr.childForFieldName("expression"), env);
    if (expr.type === "binary_expression" && expr.childForFieldName("operator")?.type === "++") {
      return target(expr.childForFieldName("right"), env) ?? target(expr.childForFieldName("left"), env);
    }
    return undefined;
  };
  for (const name of LIST_ATTRS.slice(0, 3)) {
    const found = target(named(name)?.childForFieldName("expression") ?? null, arg.env);
    if (!found) continue;
    const { list, env } = found;
    if (!loc.snippet.map.isVerbatim({ start: list.startIndex, end: list.endIndex })) continue;
    return { kind: "list", list: at(list), elements: list.childrenForFieldName("element").map(at), reach: reach(ev, env) };
  }
  if (named("packages") || !loc.snippet.map.isVerbatim({ start: attrset.startIndex, end: attrset.endIndex })) return undefined;
  return { kind: "attrset", attrset: at(attrset), ...(bindings[0] ? { firstBinding: at(bindings[0]) } : {}), reach: reach(ev, arg.env) };
}

function reach(ev: Evaluator, env: Env): NixpkgsReach {
  return {
    bare(attr) {
      const v = ev.force(ev.lookup(attr, env));
      return !ev.isLexical(attr, env) && v.kind === "pkgs" && v.path.length === 1 && v.path[0] === attr;
    },
    // The innermost scope that binds nixpkgs, and `pkgs` first among its names.
    variable() {
      for (let e: Env | null = env; e; e = e.parent) {
        const names = [...e.names.keys()].sort((a, b) => Number(b === "pkgs") - Number(a === "pkgs"));
        for (const n of names) {
          const v = ev.force(ev.lookup(n, env));
          if (v.kind === "pkgs" && v.path.length === 0 && /^[A-Za-z_][\w'-]*$/.test(n)) return n;
        }
      }
      return undefined;
    },
  };
}

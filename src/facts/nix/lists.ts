import type { Node } from "web-tree-sitter";
import { classify, interpreterVersion, LIST_ATTRS } from "./catalogue.js";
import type { NixLocation, NixPackage, PackageMeaning, WithPackagesCall } from "./facts.js";
import type { Locator } from "./locator.js";
import { INTERPRETER, type Forced, type KnownCall, type ListItem, type NixpkgsEvaluator as Evaluator, type Value } from "./nixpkgs.js";
import { attrName, unwrap } from "./syntax.js";
import type { Binding, NixUnit } from "./values.js";

type Called = KnownCall;

/** Reads the package lists of dev shells and withPackages calls into facts. */
export class DevShellReader {
  /** the expressions of dev shells' list attributes (`packages = ...`), by unit */
  private readonly devShellLists = new Map<NixUnit, Node[]>();

  constructor(
    private readonly ev: Evaluator,
    private readonly loc: Locator,
  ) {}

  /** Notes where a dev shell's lists are written, before any is read: a list binding only they use is theirs to edit. */
  noteLists(devShell: Called): void {
    const attrs = this.ev.force(devShell.args[0] ?? { kind: "unknown" });
    for (const list of LIST_ATTRS) {
      const value = attrs.kind === "attrs" || attrs.kind === "update" ? this.ev.attrValue(attrs, list) : undefined;
      if (value?.kind === "thunk") this.devShellLists.set(value.unit, [...(this.devShellLists.get(value.unit) ?? []), value.node]);
    }
  }

  /**
   * A list reached through a binding (`common = [ ... ]; packages = common;`) is the dev shells' own
   * only when it is a `let` binding whose every reference sits in a dev shell's list attribute; else
   * a package build may share it, and removing an element would change that build too.
   */
  private ownedByDevShells(binding: Binding | undefined): boolean {
    if (!binding) return true;
    const owner = binding.node.parent?.parent;
    const uses = owner?.type === "binding" ? letUses(owner) : undefined;
    const lists = this.devShellLists.get(binding.unit) ?? [];
    return uses !== undefined && uses.every((u) => lists.some((l) => l.startIndex <= u.startIndex && u.endIndex <= l.endIndex));
  }

  /** The dev shell's packages (its own lists, then those of the dev shells in `inputsFrom`). */
  packages(devShell: Called, named: (name: string) => Called | undefined, seen = new Set<string>()): { packages: NixPackage[]; complete: boolean; lists: string[]; interpreterInEnv: boolean } {
    const key = (c: Called) => `${c.unit.file}:${c.call.startIndex}`;
    seen.add(key(devShell));
    const attrs = this.ev.force(devShell.args[0] ?? { kind: "unknown" });
    if (attrs.kind !== "attrs" && attrs.kind !== "update") return { packages: [], complete: false, lists: [], interpreterInEnv: false };
    const packages: NixPackage[] = [];
    const lists: string[] = [];
    let complete = true;
    for (const list of LIST_ATTRS) {
      const value = this.ev.attrValue(attrs, list);
      if (!value) continue;
      lists.push(list);
      // `packages = [ ... ]` of a `rec { }` is no binding the elements come through.
      const read = this.ev.listItems(value.kind === "thunk" ? { ...value, binding: undefined } : value);
      complete &&= read.complete;
      for (const item of read.items) packages.push(this.element(item, list, "list"));
    }
    const from = this.ev.attrValue(attrs, "inputsFrom");
    if (from) {
      lists.push("inputsFrom");
      const read = this.ev.listItems(from);
      complete &&= read.complete;
      for (const item of read.items) {
        const v = this.ev.force(this.ev.thunk(item.node, item.env, item.unit));
        const other = v.kind === "call" && v.what === "dev-shell" ? v : v.kind === "self" && v.path.includes("devShells") ? named(v.path[v.path.length - 1]!) : undefined;
        if (!other) {
          complete = false;
          continue;
        }
        if (seen.has(key(other))) continue;
        const inner = this.packages(other, named, seen);
        complete &&= inner.complete;
        for (const p of inner.packages) packages.push({ ...p, via: "inputsFrom" });
      }
    }
    complete &&= !packages.some((p) => p.meaning.kind === "unknown");
    return { packages, complete, lists, interpreterInEnv: this.interpreterInEnv(attrs) };
  }

  /** Some attribute besides the lists names an interpreter (`UV_PYTHON`, `env.UV_PYTHON`, `LD_LIBRARY_PATH` does not). */
  private interpreterInEnv(attrs: Forced): boolean {
    for (const entry of this.ev.attrEntries(attrs)) {
      if (entry.value.kind !== "thunk" || LIST_ATTRS.includes(entry.path[0] ?? "") || entry.path[0] === "inputsFrom") continue;
      const { env, unit } = entry.value;
      const refs = [entry.value.node, ...entry.value.node.descendantsOfType(["variable_expression", "select_expression"])];
      for (const node of refs) {
        if (!node || (node.type !== "variable_expression" && node.type !== "select_expression")) continue;
        const v = this.ev.force(this.ev.thunk(node, env, unit));
        if ((v.kind === "pkgs" && v.path.length === 1 && INTERPRETER.test(v.path[0]!)) || (v.kind === "call" && v.what === "python-env")) return true;
      }
    }
    return false;
  }

  element(item: ListItem, list: string, via: "list" | "inputsFrom"): NixPackage {
    const { node, unit } = item;
    const value = this.ev.force(this.ev.thunk(node, item.env, unit));
    const kind = classify(value);
    let meaning: PackageMeaning;
    if (kind === "python-env" && value.kind === "call") {
      const hasUv = this.envItems(value, null).items.some((i) => {
        const m = classify(this.ev.force(this.ev.thunk(i.node, i.env, i.unit)));
        return m !== "python-env" && m.kind === "python-uv";
      });
      meaning = { kind: "python-env", call: this.loc.node(value.unit, value.head), inline: value.call.equals(unwrap(node)), hasUv };
    } else meaning = kind === "python-env" ? { kind: "unknown" } : kind;
    const binding = bindingOf(this.ev, item) ?? item.listBinding;
    const removal = item.inLiteral && this.ownedByDevShells(item.listBinding) ? this.loc.removal(unit, node) : undefined;
    return {
      text: node.text,
      at: this.loc.node(unit, node),
      meaning,
      list,
      via,
      alone: item.inLiteral,
      ...(removal ? { removal } : {}),
      ...(binding ? { binding: { name: binding.name, at: this.loc.node(binding.unit, binding.node) } } : {}),
    };
  }


  /** The elements of `python.withPackages (ps: [ ... ])`: the function applied to the Python set. */
  private envItems(call: Called, interpreter: string | null): { items: ListItem[]; complete: boolean } {
    const fn = this.ev.force(call.args[0] ?? { kind: "unknown" });
    const set: Value = { kind: "python-set", interpreter };
    return fn.kind === "lambda" ? this.ev.listItems(this.ev.apply(fn, set)) : { items: [], complete: false };
  }

  /** `inDevShellList`: the place is an element of a dev shell's package list. */
  withPackages(call: Called, inDevShellList: (at: NixLocation) => boolean): WithPackagesCall {
    const { unit, head } = call;
    const base = call.base ? this.ev.force(call.base) : undefined;
    const attr = base?.kind === "pkgs" && base.path.length === 1 && INTERPRETER.test(base.path[0]!) ? base.path[0]! : null;
    const attrs = head.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
    const baseEnd = attrs.length > 1 ? attrs[attrs.length - 2]!.endIndex : head.childForFieldName("expression")!.endIndex;
    const text = unit.root.text.slice(head.startIndex, baseEnd);
    const read = this.envItems(call, attr);
    const packages = read.items.map((item) => this.element(item, "withPackages", "list"));
    const uses = envUses(call.call);
    // `[ (python3.withPackages (...)) ]`: the element is the parenthesized call.
    const outer = call.call.parent?.type === "parenthesized_expression" && call.call.parent.parent?.type === "list_expression" ? call.call.parent : call.call;
    const verbatim = unit === this.loc.current && this.loc.snippet.map.isVerbatim({ start: outer.startIndex, end: outer.endIndex });
    return {
      at: this.loc.node(unit, head),
      interpreter: { text, attr, version: attr ? interpreterVersion(attr) : null },
      packages,
      ...(verbatim ? { written: this.loc.node(unit, outer).range } : {}),
      complete: read.complete,
      devShellOnly: uses !== undefined && uses.length > 0 && uses.every((n) => inDevShellList(this.loc.node(unit, n))),
    };
  }
}

/**
 * Where the value of a withPackages call goes: the call itself when it is a list element, the
 * references to the `let` binding holding it (an `inherit` of it included, which no list holds);
 * undefined when it may be used beyond what this file shows (an attribute, a function's result).
 */
function envUses(call: Node): Node[] | undefined {
  let outer = call;
  while (outer.parent?.type === "parenthesized_expression") outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === "list_expression") return [outer];
  if (parent?.type !== "binding" || !parent.childForFieldName("expression")?.equals(outer)) return undefined;
  return letUses(parent);
}

/** The references to a `let` binding in its scope (`inherit x;` included); undefined for any other binding, which is reachable as an attribute. */
function letUses(binding: Node): Node[] | undefined {
  const attrs = binding.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
  const name = attrs.length === 1 ? attrName(attrs[0]) : null;
  const scope = binding.parent?.type === "binding_set" ? binding.parent.parent : null;
  if (!name || scope?.type !== "let_expression") return undefined;
  const uses: Node[] = [];
  for (const n of scope.descendantsOfType(["variable_expression", "inherit"])) {
    if (n?.type === "variable_expression" && n.text === name) uses.push(n);
    else if (n?.type === "inherit") for (const a of n.childForFieldName("attrs")?.childrenForFieldName("attr") ?? []) if (attrName(a) === name) uses.push(a);
  }
  return uses;
}

/** The `let`/`rec` binding a variable element names (`pythonEnv` -> `pythonEnv = ...;`). */
function bindingOf(ev: Evaluator, item: ListItem): Binding | undefined {
  const node = unwrap(item.node);
  if (node.type !== "variable_expression") return undefined;
  const v = ev.lookup(node.text, item.env);
  return v.kind === "thunk" ? v.binding : undefined;
}


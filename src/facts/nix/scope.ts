// One module over 300 lines: the evaluator is one class whose methods recurse into each other (force -> evaluate -> lookup -> force).
import path from "node:path";
import type { Node } from "web-tree-sitter";
import { attrName, attrPath, callParts, headNames } from "./syntax.js";
import {
  Env, isDelayed, isLanguageValue, UNKNOWN,
  type AttrEntry, type Binding, type ConventionValue, type Forced, type ListItem, type NixUnit, type UnitLoader, type Value,
} from "./values.js";

/**
 * An evaluator-free reading of Nix: what an expression stands for, as far as it can be told
 * without running Nix. Names are followed through `let`, `rec { }`, `with`, `inherit`, function
 * arguments and `import ./x.nix`; what the language does not say (what a function we do not see
 * called is given, what a call of a library function returns, what `<nixpkgs>` is) the table of
 * conventions answers. What neither can tell (a builtin's result, a dynamic attribute) is
 * `unknown`, never guessed.
 */

/** A call as written: `f a b` with its head and arguments, in its scope. */
export interface CallSite<D extends ConventionValue> {
  readonly node: Node;
  readonly head: Node;
  /** the head's attribute path (`pkgs.mkShell.override` -> pkgs, mkShell, override) */
  readonly names: readonly string[];
  readonly args: readonly Value<D>[];
  readonly env: Env<D>;
  readonly unit: NixUnit;
}

/** What the evaluator asks of the conventions of the code it reads (nixpkgs.ts: nixpkgs'). */
export interface Conventions<D extends ConventionValue> {
  /** What a function's formal is when its call is not seen; `fill`: the set a caller fills missing formals from. */
  formal(name: string, ev: Evaluator<D>, fill?: Forced<D>): Value<D>;
  /** The same for `x: ...` (`{ ... }@x` when `withFormals`). */
  universal(name: string, withFormals: boolean): Value<D>;
  /** An attribute of one of its values. */
  select(v: D, name: string | null): Forced<D>;
  /** A name looked up through `with v;` (`outer`: the scope around that `with`); null: `v` does not bind it, look further out. */
  withName(v: D, name: string, outer: Env<D> | null, ev: Evaluator<D>): Forced<D> | null;
  /** `<name>` */
  searchPath(text: string): Forced<D>;
  /** A call it knows by the names of its head, before the head is evaluated (undefined: an ordinary call). */
  call(site: CallSite<D>, ev: Evaluator<D>): Forced<D> | undefined;
  /** A call of one of its values (a builder bound to another name). */
  callValue(fn: D, site: CallSite<D>): Forced<D> | undefined;
  /** `import v`, for one of its values. */
  importValue(v: D): Forced<D> | undefined;
}

const BUILTINS = new Set([
  "import", "builtins", "true", "false", "null", "map", "toString", "baseNameOf", "dirOf", "derivation", "throw", "abort",
  "removeAttrs", "isNull", "fetchTarball", "fetchGit", "fetchurl", "scopedImport", "placeholder",
]);

export class Evaluator<D extends ConventionValue> {
  private readonly forced = new WeakMap<object, Forced<D>>();
  private readonly busy = new WeakSet<object>();
  private readonly roots = new Map<string, Value<D>>();
  private depth = 0;

  constructor(
    private readonly loadUnit: UnitLoader,
    private readonly conventions: Conventions<D>,
  ) {}

  thunk(node: Node, env: Env<D>, unit: NixUnit, binding?: Binding): Value<D> {
    return binding ? { kind: "thunk", node, env, unit, binding } : { kind: "thunk", node, env, unit };
  }

  /** The value of a unit's top expression (an imported file). */
  unitValue(unit: NixUnit): Value<D> {
    let v = this.roots.get(unit.file);
    if (!v) {
      const expr = unit.root.childForFieldName("expression") ?? unit.root.namedChildren.find((c) => c?.type !== "comment");
      v = expr ? this.thunk(expr, new Env(null), unit) : UNKNOWN;
      this.roots.set(unit.file, v);
    }
    return v;
  }

  force(v: Value<D>): Forced<D> {
    if (!isDelayed(v)) return v;
    const done = this.forced.get(v);
    if (done) return done;
    // A value that needs itself (`rec { a = a; }`), or a chain too deep to be worth following.
    if (this.busy.has(v) || this.depth > 150) return UNKNOWN;
    this.busy.add(v);
    this.depth++;
    try {
      const result =
        v.kind === "thunk" ? this.evaluate(v.node, v.env, v.unit)
        : v.kind === "lookup" ? this.force(this.lookup(v.name, v.env))
        : this.selectAttr(this.force(v.base), v.name);
      this.forced.set(v, result);
      return result;
    } finally {
      this.busy.delete(v);
      this.depth--;
    }
  }

  /** Nix's scoping: lexical names, then builtins, then `with` scopes from the innermost out. */
  lookup(name: string, env: Env<D>): Value<D> {
    for (let e: Env<D> | null = env; e; e = e.parent) {
      const v = e.names.get(name);
      if (v) return v;
    }
    if (BUILTINS.has(name)) return { kind: "builtin", name };
    for (let e: Env<D> | null = env; e; e = e.parent) {
      if (!e.withValue) continue;
      const scope = this.force(e.withValue);
      if (!isLanguageValue(scope)) {
        const found = this.conventions.withName(scope, name, e.parent, this);
        if (found) return found;
        continue;
      }
      // A scope that cannot be read may bind any name.
      if (scope.kind !== "attrs" && scope.kind !== "update") return UNKNOWN;
      if (this.hasAttr(scope, name)) return this.selectAttr(scope, name);
    }
    return UNKNOWN;
  }

  /** The values of the `with` scopes around `env`, innermost first. */
  *withScopes(env: Env<D> | null): Generator<Forced<D>> {
    for (let e: Env<D> | null = env; e; e = e.parent) if (e.withValue) yield this.force(e.withValue);
  }

  /** True when the name is a lexical variable here (not a `with` attribute or a builtin). */
  isLexical(name: string, env: Env<D>): boolean {
    for (let e: Env<D> | null = env; e; e = e.parent) if (e.names.has(name)) return true;
    return false;
  }

  selectAttr(v: Forced<D>, name: string | null): Forced<D> {
    if (!isLanguageValue(v)) return this.conventions.select(v, name);
    if (v.kind !== "attrs" && v.kind !== "update") return UNKNOWN;
    return name === null ? UNKNOWN : this.force(this.attrValue(v, name) ?? UNKNOWN);
  }

  /** Entries of an attribute set literal, its `inherit`s included. */
  attrEntries(v: Forced<D>): readonly AttrEntry<D>[] {
    if (!isLanguageValue(v)) return [];
    if (v.kind === "attrs") return v.entries;
    if (v.kind === "update") {
      const l = this.force(v.left);
      const r = this.force(v.right);
      return [...this.attrEntries(r), ...this.attrEntries(l)];
    }
    return [];
  }

  private hasAttr(v: Forced<D>, name: string): boolean {
    return this.attrEntries(v).some((e) => e.path[0] === name);
  }

  /** The value under `name`, a nested set for `name.x = ...;` bindings, or undefined. */
  attrValue(v: Forced<D>, name: string): Value<D> | undefined {
    const matches = this.attrEntries(v).filter((e) => e.path[0] === name);
    const whole = matches.find((e) => e.path.length === 1);
    if (whole) return whole.value;
    if (matches.length === 0) return undefined;
    return { kind: "attrs", entries: matches.map((e) => ({ path: e.path.slice(1), value: e.value })) };
  }

  /** Bindings of a `binding_set` parent (attrset, rec attrset, let) as entries; `named`: remember let/rec bindings. */
  bindingEntries(owner: Node, scope: Env<D>, outer: Env<D>, unit: NixUnit, named = false): AttrEntry<D>[] {
    const out: AttrEntry<D>[] = [];
    for (const set of owner.namedChildren) {
      if (set?.type !== "binding_set") continue;
      for (const b of set.namedChildren) {
        if (!b) continue;
        if (b.type === "binding") {
          const attrs = attrPath(b);
          const expr = b.childForFieldName("expression");
          const first = attrs[0];
          if (!expr || !first) continue;
          const names = attrs.map(attrName);
          const binding = named && names[0] ? { name: names[0], node: first, unit } : undefined;
          out.push({ path: names, value: this.thunk(expr, scope, unit, attrs.length === 1 ? binding : undefined) });
        } else if (b.type === "inherit") {
          for (const a of b.childForFieldName("attrs")?.childrenForFieldName("attr") ?? []) {
            const name = attrName(a);
            if (name) out.push({ path: [name], value: { kind: "lookup", name, env: outer } });
          }
        } else if (b.type === "inherit_from") {
          const from = b.childForFieldName("expression");
          if (!from) continue;
          const base = this.thunk(from, scope, unit);
          for (const a of b.childForFieldName("attrs")?.childrenForFieldName("attr") ?? []) {
            const name = attrName(a);
            if (name) out.push({ path: [name], value: { kind: "select", base, name } });
          }
        }
      }
    }
    return out;
  }

  /** The scope a `let ... in` or `rec { }` opens: its bindings see each other. */
  recursiveEnv(owner: Node, env: Env<D>, unit: NixUnit): Env<D> {
    const scope = new Env(env);
    const entries = this.bindingEntries(owner, scope, env, unit, true);
    for (const entry of entries) {
      const name = entry.path[0];
      if (name && entry.path.length === 1 && !scope.names.has(name)) scope.names.set(name, entry.value);
    }
    // `let a.b = 1; a.c = 2;` binds a set.
    for (const entry of entries) {
      const name = entry.path[0];
      if (name && !scope.names.has(name)) scope.names.set(name, this.attrValue({ kind: "attrs", entries }, name)!);
    }
    return scope;
  }

  withEnv(node: Node, env: Env<D>, unit: NixUnit): Env<D> {
    const scopeExpr = node.childForFieldName("environment");
    return new Env(env, scopeExpr ? this.thunk(scopeExpr, env, unit) : UNKNOWN);
  }

  /**
   * The scope of a function's body. `arg` is the value it is applied to; without one (a function
   * we do not see called) each formal is what the conventions say a caller passes. `fill` is the
   * set a caller fills missing formals from.
   */
  lambdaEnv(fn: Node, env: Env<D>, unit: NixUnit, arg?: Value<D>, fill?: Forced<D>): Env<D> {
    const scope = new Env(env);
    const universal = fn.childForFieldName("universal");
    const formals = fn.childForFieldName("formals");
    const argForced = arg ? this.force(arg) : undefined;
    if (universal) scope.names.set(universal.text, arg ?? this.conventions.universal(universal.text, formals !== null));
    for (const formal of formals?.childrenForFieldName("formal") ?? []) {
      const name = formal.childForFieldName("name")?.text;
      if (!name) continue;
      const given = argForced && isLanguageValue(argForced) && (argForced.kind === "attrs" || argForced.kind === "update") ? this.attrValue(argForced, name) : undefined;
      const fallback = formal.childForFieldName("default");
      scope.names.set(name, given ?? (fallback ? this.thunk(fallback, scope, unit) : this.conventions.formal(name, this, fill)));
    }
    return scope;
  }

  apply(fn: Forced<D>, arg: Value<D>, fill?: Forced<D>): Forced<D> {
    if (!isLanguageValue(fn) || fn.kind !== "lambda") return UNKNOWN;
    const body = fn.node.childForFieldName("body");
    if (!body) return UNKNOWN;
    return this.force(this.thunk(body, this.lambdaEnv(fn.node, fn.env, fn.unit, arg, fill), fn.unit));
  }

  /** The file a path literal names (a folder means its default.nix), parsed. */
  importUnit(p: Forced<D>): NixUnit | undefined {
    if (!isLanguageValue(p) || p.kind !== "path" || p.abs === null) return undefined;
    return this.loadUnit(p.abs.endsWith(".nix") ? p.abs : path.join(p.abs, "default.nix"));
  }

  /** The elements of a list-valued expression, through bindings, `++`, `with`, `let`, `if`, and what the conventions make lists. */
  listItems(v: Value<D>, listBinding?: Binding): { items: ListItem<D>[]; complete: boolean } {
    const named = isDelayed(v) && v.kind === "thunk" && v.node.type === "variable_expression" ? this.lookup(v.node.text, v.env) : v;
    const binding = isDelayed(named) && named.kind === "thunk" && named.binding ? named.binding : listBinding;
    const f = this.force(v);
    if (!isLanguageValue(f)) return { items: [], complete: false };
    switch (f.kind) {
      case "list": {
        const items = (f.node.childrenForFieldName("element") ?? []).map((node): ListItem<D> => ({
          node,
          env: f.env,
          unit: f.unit,
          inLiteral: true,
          ...(binding ? { listBinding: binding } : {}),
        }));
        return { items, complete: true };
      }
      case "concat":
      case "either": {
        const parts = (f.kind === "concat" ? f.parts : f.options).map((p) => this.listItems(p, binding));
        return { items: parts.flatMap((p) => p.items), complete: parts.every((p) => p.complete) };
      }
      case "items": {
        const items: ListItem<D>[] = [];
        for (const value of f.values) {
          if (!isDelayed(value) || value.kind !== "thunk") return { items, complete: false };
          items.push({ node: value.node, env: value.env, unit: value.unit, inLiteral: false, ...(binding ? { listBinding: binding } : {}) });
        }
        return { items, complete: true };
      }
      default:
        return { items: [], complete: false };
    }
  }

  private evaluate(node: Node, env: Env<D>, unit: NixUnit): Forced<D> {
    switch (node.type) {
      case "variable_expression": {
        const name = node.childForFieldName("name")?.text;
        return name ? this.force(this.lookup(name, env)) : UNKNOWN;
      }
      case "select_expression":
        return this.selectPrefix(node, env, unit);
      case "parenthesized_expression": {
        const inner = node.childForFieldName("expression");
        return inner ? this.force(this.thunk(inner, env, unit)) : UNKNOWN;
      }
      case "let_expression":
      case "with_expression":
      case "assert_expression": {
        const body = node.childForFieldName("body");
        if (!body) return UNKNOWN;
        const scope = node.type === "let_expression" ? this.recursiveEnv(node, env, unit) : node.type === "with_expression" ? this.withEnv(node, env, unit) : env;
        return this.force(this.thunk(body, scope, unit));
      }
      case "rec_attrset_expression": {
        const scope = this.recursiveEnv(node, env, unit);
        return { kind: "attrs", entries: this.bindingEntries(node, scope, env, unit) };
      }
      case "attrset_expression":
        return { kind: "attrs", entries: this.bindingEntries(node, env, env, unit) };
      case "function_expression":
        return { kind: "lambda", node, env, unit };
      case "list_expression":
        return { kind: "list", node, env, unit };
      case "if_expression": {
        const options = [node.childForFieldName("consequence"), node.childForFieldName("alternative")]
          .filter((n): n is Node => n !== null)
          .map((n) => this.thunk(n, env, unit));
        return { kind: "either", options };
      }
      case "binary_expression": {
        const op = node.childForFieldName("operator")?.type;
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        if (!left || !right) return UNKNOWN;
        if (op === "++") return { kind: "concat", parts: [this.thunk(left, env, unit), this.thunk(right, env, unit)] };
        if (op === "//") return { kind: "update", left: this.thunk(left, env, unit), right: this.thunk(right, env, unit) };
        return UNKNOWN;
      }
      case "path_expression": {
        const static_ = node.namedChildren.every((c) => c?.type === "path_fragment");
        const text = node.text;
        if (!static_ || unit.dirAbs === null || text.startsWith("~")) return { kind: "path", abs: null };
        return { kind: "path", abs: path.resolve(unit.dirAbs, text) };
      }
      case "spath_expression":
        return this.conventions.searchPath(node.text);
      case "apply_expression":
        return this.evaluateCall(node, env, unit);
      default:
        return UNKNOWN;
    }
  }

  /** `a.b.c`, or its first `upTo` attributes. */
  selectPrefix(node: Node, env: Env<D>, unit: NixUnit, upTo?: number): Forced<D> {
    const base = node.childForFieldName("expression");
    const attrs = attrPath(node);
    if (!base) return UNKNOWN;
    let v = this.force(this.thunk(base, env, unit));
    for (const a of attrs.slice(0, upTo ?? attrs.length)) v = this.selectAttr(v, attrName(a));
    const fallback = node.childForFieldName("default");
    if (v.kind === "unknown" && fallback && upTo === undefined) return this.force(this.thunk(fallback, env, unit));
    return v;
  }

  /** The base of `a.b.c` (`a.b`): what a method-like call (`x.override`) is called on. */
  selectBase(head: Node, env: Env<D>, unit: NixUnit): Forced<D> {
    return this.selectPrefix(head, env, unit, attrPath(head).length - 1);
  }

  private evaluateCall(node: Node, env: Env<D>, unit: NixUnit): Forced<D> {
    const { head, args } = callParts(node);
    if (!head) return UNKNOWN;
    const site: CallSite<D> = { node, head, names: headNames(head), args: args.map((a) => this.thunk(a, env, unit)), env, unit };
    const known = this.conventions.call(site, this);
    if (known) return known;
    let fn = this.force(this.thunk(head, env, unit));
    if (isLanguageValue(fn) && fn.kind === "builtin" && fn.name === "import") {
      const target = this.force(site.args[0] ?? UNKNOWN);
      const conventional = isLanguageValue(target) ? undefined : this.conventions.importValue(target);
      if (conventional) return conventional;
      const imported = this.importUnit(target);
      if (!imported) return UNKNOWN;
      fn = this.force(this.unitValue(imported));
      for (const a of site.args.slice(1)) fn = this.apply(fn, a);
      return fn;
    }
    const called = isLanguageValue(fn) ? undefined : this.conventions.callValue(fn, site);
    if (called) return called;
    for (const a of site.args) fn = this.apply(fn, a);
    return fn;
  }
}

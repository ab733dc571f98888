import path from "node:path";
import type { Node, Tree } from "web-tree-sitter";

/**
 * An evaluator-free reading of Nix: what an expression stands for, as far as it can be told
 * without running Nix. Names are followed through `let`, `rec { }`, `with`, `inherit`, function
 * arguments, `import ./x.nix` and `callPackage ./x.nix { }`; nixpkgs is a symbolic set (every
 * attribute of it exists), so `pkgs.python311Packages.numpy` is known for what it is without
 * knowing nixpkgs. What cannot be told (a builtin's result, a function of unknown source, a
 * dynamic attribute) is `unknown`, never guessed.
 */

/** One parsed piece of Nix: a file read from disk, or the snippet being linted. */
export interface NixUnit {
  /** posix, relative to the lint root */
  readonly file: string;
  /** absolute folder that relative paths resolve against; null: do not follow them (docs) */
  readonly dirAbs: string | null;
  readonly root: Node;
}

/** Reads and parses the .nix file at an absolute path (undefined: missing or unparsable). */
export type UnitLoader = (absPath: string) => NixUnit | undefined;

/** The `let`/`rec` binding a value was reached through (`pythonEnv = ...;`). */
export interface Binding {
  readonly name: string;
  /** the attribute naming it */
  readonly node: Node;
  readonly unit: NixUnit;
}

export type Value =
  /** an expression not evaluated yet */
  | { readonly kind: "thunk"; readonly node: Node; readonly env: Env; readonly unit: NixUnit; readonly binding?: Binding }
  /** `inherit x;`: x in the enclosing scope */
  | { readonly kind: "lookup"; readonly name: string; readonly env: Env }
  /** `inherit (e) x;` */
  | { readonly kind: "select"; readonly base: Value; readonly name: string }
  | Forced;

export type Forced =
  /** nixpkgs (path []) or an attribute path under it */
  | { readonly kind: "pkgs"; readonly path: readonly string[] }
  /** a Python package set: `python3Packages`, `python311.pkgs`, the `ps` of withPackages */
  | { readonly kind: "python-set"; readonly interpreter: string | null }
  /** `shadowing`: a bare name found in `with <python set>;` inside `with pkgs;`, which may be either */
  | { readonly kind: "python-package"; readonly interpreter: string | null; readonly name: string; readonly shadowing?: boolean }
  /** the nixpkgs flake input or `<nixpkgs>`; `perSystem` for flake-parts' `inputs'.nixpkgs` */
  | { readonly kind: "nixpkgs"; readonly perSystem: boolean }
  | { readonly kind: "legacy-packages" }
  | { readonly kind: "inputs"; readonly perSystem: boolean }
  /** the flake's own outputs (`self`, flake-parts' `config`, `self'`) */
  | { readonly kind: "self"; readonly path: readonly string[] }
  | { readonly kind: "attrs"; readonly entries: readonly AttrEntry[] }
  | { readonly kind: "update"; readonly left: Value; readonly right: Value }
  | { readonly kind: "lambda"; readonly node: Node; readonly env: Env; readonly unit: NixUnit }
  | { readonly kind: "list"; readonly node: Node; readonly env: Env; readonly unit: NixUnit }
  /** `lib.optional c x`: a list of values that are not written in a list literal */
  | { readonly kind: "items"; readonly values: readonly Value[] }
  | { readonly kind: "concat"; readonly parts: readonly Value[] }
  /** `if c then a else b`: either */
  | { readonly kind: "either"; readonly options: readonly Value[] }
  | { readonly kind: "path"; readonly abs: string | null }
  /** a call whose meaning the analysis knows: a dev shell, a Python env, a derivation */
  | { readonly kind: "call"; readonly what: CallKind; readonly call: Node; readonly head: Node; readonly args: readonly Value[]; readonly unit: NixUnit; readonly env: Env; readonly base?: Value }
  | { readonly kind: "builtin"; readonly name: string }
  | { readonly kind: "unknown" };

/** shell: mkShell/mkShellNoCC; python-env: `<python>.withPackages f`; derivation: a known builder. */
export type CallKind = "shell" | "python-env" | "derivation" | "shell-derivation";

export interface AttrEntry {
  /** static attribute names; null for `${dynamic}` */
  readonly path: readonly (string | null)[];
  readonly value: Value;
}

/** A lexical scope (`names`) or a `with` scope (`with`); lexical names always win over `with`. */
export class Env {
  readonly names = new Map<string, Value>();
  constructor(
    readonly parent: Env | null,
    readonly withValue: Value | null = null,
  ) {}
}

/** An element of a package list, with the scope it is read in. */
export interface ListItem {
  readonly node: Node;
  readonly env: Env;
  readonly unit: NixUnit;
  /** written directly in a list literal (`[ a b ]`), so it can be removed on its own */
  readonly inLiteral: boolean;
  /** the binding the list came through (`common = [ ... ]; packages = common;`) */
  readonly listBinding?: Binding;
}

export const UNKNOWN: Forced = { kind: "unknown" };
const PKGS: Forced = { kind: "pkgs", path: [] };

/** Nix names that are not nixpkgs attributes when they arrive as function arguments. */
const NOT_PACKAGES = new Set(["system", "options", "specialArgs", "modulesPath", "withSystem", "getSystem", "moduleWithSystem", "flake-parts-lib", "args"]);
const BUILTINS = new Set([
  "import", "builtins", "true", "false", "null", "map", "toString", "baseNameOf", "dirOf", "derivation", "throw", "abort",
  "removeAttrs", "isNull", "fetchTarball", "fetchGit", "fetchurl", "scopedImport", "placeholder",
]);
/** `<python>.withPackages`, `mkShell`: recognised by the function's last name. */
export const SHELL_BUILDERS = new Set(["mkShell", "mkShellNoCC"]);
/** calls whose result is a derivation that is neither a Python package nor uv */
const DERIVATION_BUILDERS = new Set([
  "mkDerivation", "writeShellScriptBin", "writeShellScript", "writeShellApplication", "writeScriptBin", "writeScript",
  "writeText", "writeTextFile", "runCommand", "runCommandLocal", "runCommandCC", "runCommandNoCC",
  "buildPythonPackage", "buildPythonApplication", "mkPoetryApplication", "mkPoetryEnv",
]);
const OVERRIDES = new Set(["override", "overrideAttrs", "overridePythonAttrs", "overrideDerivation"]);

/**
 * Another nixpkgs under a name of its own (issue 10): an overlay's `pkgs.unstable`, an argument
 * `pkgs-unstable`, nixpkgs' own `pkgsStatic`; `pkgsite` is a package, hence the case and dash.
 */
const PKGS_ALIAS = /^(?:pkgs[A-Z_-][\w-]*|(?:un)?stable|master|latest)$/;
/** A second nixpkgs flake input (`nixpkgs-unstable`), not a tool named after nixpkgs. */
const NIXPKGS_INPUT = /^nixpkgs[-_](?!fmt$|review$|lint$|hammering$|update$)[\w-]+$/;
export const PYTHON_SET = /^(python\d*|pypy\d*)Packages$/;
export const INTERPRETER = /^(python|pypy)(\d*)(Full|Minimal|FreeThreading)?$/;

export class Evaluator {
  private readonly forced = new WeakMap<object, Forced>();
  private readonly busy = new WeakSet<object>();
  private readonly roots = new Map<string, Value>();
  private depth = 0;

  constructor(private readonly loadUnit: UnitLoader) {}

  thunk(node: Node, env: Env, unit: NixUnit, binding?: Binding): Value {
    return binding ? { kind: "thunk", node, env, unit, binding } : { kind: "thunk", node, env, unit };
  }

  /** The value of a unit's top expression (an imported file). */
  unitValue(unit: NixUnit): Value {
    let v = this.roots.get(unit.file);
    if (!v) {
      const expr = unit.root.childForFieldName("expression") ?? unit.root.namedChildren.find((c) => c?.type !== "comment");
      v = expr ? this.thunk(expr, new Env(null), unit) : UNKNOWN;
      this.roots.set(unit.file, v);
    }
    return v;
  }

  force(v: Value): Forced {
    switch (v.kind) {
      case "thunk":
      case "lookup":
      case "select":
        break;
      default:
        return v;
    }
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
  lookup(name: string, env: Env): Value {
    for (let e: Env | null = env; e; e = e.parent) {
      const v = e.names.get(name);
      if (v) return v;
    }
    if (BUILTINS.has(name)) return { kind: "builtin", name };
    for (let e: Env | null = env; e; e = e.parent) {
      if (!e.withValue) continue;
      const scope = this.force(e.withValue);
      // `with lib;` brings functions, never packages: names pass through it.
      if (scope.kind === "pkgs" && scope.path[0] === "lib") continue;
      if (scope.kind === "attrs" || scope.kind === "update") {
        if (this.hasAttr(scope, name)) return this.selectAttr(scope, name);
        continue;
      }
      const found = this.selectAttr(scope, name);
      // Nix takes the Python set's attribute when it has one, else the outer nixpkgs': unknowable
      // here, except for interpreters, which Python sets do not hold.
      if (found.kind === "python-package" && this.outerPkgsScope(e.parent)) {
        if (INTERPRETER.test(name) || PYTHON_SET.test(name)) continue;
        return { ...found, shadowing: true };
      }
      return found;
    }
    return UNKNOWN;
  }

  private outerPkgsScope(env: Env | null): boolean {
    for (let e: Env | null = env; e; e = e.parent) {
      if (!e.withValue) continue;
      const scope = this.force(e.withValue);
      if (scope.kind === "pkgs" && scope.path.length === 0) return true;
    }
    return false;
  }

  /** True when the name is a lexical variable here (not a `with` attribute or a builtin). */
  isLexical(name: string, env: Env): boolean {
    for (let e: Env | null = env; e; e = e.parent) if (e.names.has(name)) return true;
    return false;
  }

  selectAttr(v: Forced, name: string | null): Forced {
    switch (v.kind) {
      case "pkgs": {
        if (name === null) return UNKNOWN;
        if (v.path.length === 0 && PYTHON_SET.test(name)) return { kind: "python-set", interpreter: name.replace(/Packages$/, "") };
        if (v.path.length === 0 && PKGS_ALIAS.test(name)) return PKGS;
        if (v.path.length === 1 && INTERPRETER.test(v.path[0]!) && name === "pkgs") return { kind: "python-set", interpreter: v.path[0]! };
        return { kind: "pkgs", path: [...v.path, name] };
      }
      case "python-set":
        if (name === null) return UNKNOWN;
        if (name === "python") return v.interpreter ? { kind: "pkgs", path: [v.interpreter] } : UNKNOWN;
        return { kind: "python-package", interpreter: v.interpreter, name };
      case "python-package":
        return v;
      case "nixpkgs":
        if (name === "legacyPackages") return v.perSystem ? PKGS : { kind: "legacy-packages" };
        if (name === "lib") return { kind: "pkgs", path: ["lib"] };
        return UNKNOWN;
      case "legacy-packages":
        return PKGS;
      case "inputs":
        return name !== null && /^nixpkgs/.test(name) ? { kind: "nixpkgs", perSystem: v.perSystem } : UNKNOWN;
      case "self":
        return { kind: "self", path: [...v.path, name ?? "*"] };
      case "attrs":
      case "update":
        return name === null ? UNKNOWN : this.force(this.attrValue(v, name) ?? UNKNOWN);
      default:
        return UNKNOWN;
    }
  }

  /** Entries of an attribute set literal, its `inherit`s included. */
  attrEntries(v: Forced): readonly AttrEntry[] {
    if (v.kind === "attrs") return v.entries;
    if (v.kind === "update") {
      const l = this.force(v.left);
      const r = this.force(v.right);
      return [...this.attrEntries(r), ...this.attrEntries(l)];
    }
    return [];
  }

  private hasAttr(v: Forced, name: string): boolean {
    return this.attrEntries(v).some((e) => e.path[0] === name);
  }

  /** The value under `name`, a nested set for `name.x = ...;` bindings, or undefined. */
  attrValue(v: Forced, name: string): Value | undefined {
    const matches = this.attrEntries(v).filter((e) => e.path[0] === name);
    const whole = matches.find((e) => e.path.length === 1);
    if (whole) return whole.value;
    if (matches.length === 0) return undefined;
    return { kind: "attrs", entries: matches.map((e) => ({ path: e.path.slice(1), value: e.value })) };
  }

  /** Bindings of a `binding_set` parent (attrset, rec attrset, let) as entries; `named`: remember let/rec bindings. */
  bindingEntries(owner: Node, scope: Env, outer: Env, unit: NixUnit, named = false): AttrEntry[] {
    const out: AttrEntry[] = [];
    for (const set of owner.namedChildren) {
      if (set?.type !== "binding_set") continue;
      for (const b of set.namedChildren) {
        if (!b) continue;
        if (b.type === "binding") {
          const attrs = b.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
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
  recursiveEnv(owner: Node, env: Env, unit: NixUnit): Env {
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

  withEnv(node: Node, env: Env, unit: NixUnit): Env {
    const scopeExpr = node.childForFieldName("environment");
    return new Env(env, scopeExpr ? this.thunk(scopeExpr, env, unit) : UNKNOWN);
  }

  /**
   * The scope of a function's body. `arg` is the value it is applied to; without one (a function
   * we do not see called) each formal is what callPackage would pass: the nixpkgs attribute of
   * that name, `pkgs` itself, the flake's inputs or self. `from` is the set a callPackage fills
   * missing formals from (a Python set for `python3Packages.callPackage`).
   */
  lambdaEnv(fn: Node, env: Env, unit: NixUnit, arg?: Value, from?: Forced): Env {
    const scope = new Env(env);
    const universal = fn.childForFieldName("universal");
    const formals = fn.childForFieldName("formals");
    const argForced = arg ? this.force(arg) : undefined;
    if (universal) {
      const name = universal.text;
      scope.names.set(name, arg ?? (name === "inputs" ? standaloneFormal(name) : formals ? UNKNOWN : standaloneUniversal(name)));
    }
    for (const formal of formals?.childrenForFieldName("formal") ?? []) {
      const name = formal.childForFieldName("name")?.text;
      if (!name) continue;
      const given = argForced && (argForced.kind === "attrs" || argForced.kind === "update") ? this.attrValue(argForced, name) : undefined;
      const fallback = formal.childForFieldName("default");
      const filled = from && name !== "pkgs" ? this.selectAttr(from, name) : standaloneFormal(name);
      scope.names.set(name, given ?? (fallback ? this.thunk(fallback, scope, unit) : filled));
    }
    return scope;
  }

  apply(fn: Forced, arg: Value, from?: Forced): Forced {
    if (fn.kind !== "lambda") return UNKNOWN;
    const body = fn.node.childForFieldName("body");
    if (!body) return UNKNOWN;
    return this.force(this.thunk(body, this.lambdaEnv(fn.node, fn.env, fn.unit, arg, from), fn.unit));
  }

  /** The file a path literal names (a folder means its default.nix), parsed. */
  importUnit(p: Forced): NixUnit | undefined {
    if (p.kind !== "path" || p.abs === null) return undefined;
    return this.loadUnit(p.abs.endsWith(".nix") ? p.abs : path.join(p.abs, "default.nix"));
  }

  /** The elements of a list-valued expression, through bindings, `++`, `with`, `let`, `if`, `lib.optionals`. */
  listItems(v: Value, listBinding?: Binding): { items: ListItem[]; complete: boolean } {
    const named = v.kind === "thunk" && v.node.type === "variable_expression" ? this.lookup(v.node.text, v.env) : v;
    const binding = named.kind === "thunk" && named.binding ? named.binding : listBinding;
    const f = this.force(v);
    switch (f.kind) {
      case "list": {
        const items = (f.node.childrenForFieldName("element") ?? []).map((node): ListItem => ({
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
        const items: ListItem[] = [];
        for (const value of f.values) {
          if (value.kind !== "thunk") return { items, complete: false };
          items.push({ node: value.node, env: value.env, unit: value.unit, inLiteral: false, ...(binding ? { listBinding: binding } : {}) });
        }
        return { items, complete: true };
      }
      default:
        return { items: [], complete: false };
    }
  }

  private evaluate(node: Node, env: Env, unit: NixUnit): Forced {
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
        return node.text === "<nixpkgs>" ? { kind: "nixpkgs", perSystem: false } : UNKNOWN;
      case "apply_expression":
        return this.evaluateCall(node, env, unit);
      default:
        return UNKNOWN;
    }
  }

  /** `a.b.c`, or its first `upTo` attributes. */
  selectPrefix(node: Node, env: Env, unit: NixUnit, upTo?: number): Forced {
    const base = node.childForFieldName("expression");
    const attrs = node.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
    if (!base) return UNKNOWN;
    let v = this.force(this.thunk(base, env, unit));
    for (const a of attrs.slice(0, upTo ?? attrs.length)) v = this.selectAttr(v, attrName(a));
    const fallback = node.childForFieldName("default");
    if (v.kind === "unknown" && fallback && upTo === undefined) return this.force(this.thunk(fallback, env, unit));
    return v;
  }

  private evaluateCall(node: Node, env: Env, unit: NixUnit): Forced {
    const { head, args } = callParts(node);
    if (!head) return UNKNOWN;
    const names = headNames(head);
    const last = names[names.length - 1];
    const argValues = args.map((a) => this.thunk(a, env, unit));
    const known = (what: CallKind, rest: readonly Value[], base?: Value): Forced => ({ kind: "call", what, call: node, head, args: rest, unit, env, ...(base ? { base } : {}) });

    if (last && SHELL_BUILDERS.has(last) && args.length >= 1) return known("shell", argValues);
    if (last === "override" && names.length >= 2 && SHELL_BUILDERS.has(names[names.length - 2]!) && args.length >= 2) return known("shell", argValues.slice(1));
    if (last === "withPackages" && head.type === "select_expression" && args.length >= 1) {
      const attrs = head.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
      const base = this.selectPrefix(head, env, unit, attrs.length - 1);
      return known("python-env", argValues, base);
    }
    if (last === "mkDerivation" && path.posix.basename(unit.file) === "shell.nix") return known("shell-derivation", argValues);
    if (last && DERIVATION_BUILDERS.has(last)) return known("derivation", argValues);
    if ((last === "optionals" || last === "optional") && args.length >= 2) {
      return last === "optionals" ? this.force(argValues[1]!) : { kind: "items", values: [argValues[1]!] };
    }
    if (last && OVERRIDES.has(last) && head.type === "select_expression") {
      const attrs = head.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
      return this.selectPrefix(head, env, unit, attrs.length - 1);
    }
    if (last === "callPackage" && args.length >= 1) {
      const target = this.force(argValues[0]!);
      const imported = this.importUnit(target);
      const fn = imported ? this.force(this.unitValue(imported)) : target;
      // `python3Packages.callPackage` fills the formals from the Python set.
      const owner = head.type === "select_expression" ? this.selectPrefix(head, env, unit, (head.childForFieldName("attrpath")?.childrenForFieldName("attr").length ?? 1) - 1) : undefined;
      return this.apply(fn, argValues[1] ?? { kind: "attrs", entries: [] }, owner?.kind === "python-set" ? owner : undefined);
    }
    let fn = this.force(this.thunk(head, env, unit));
    if (fn.kind === "builtin" && fn.name === "import") {
      const target = this.force(argValues[0] ?? UNKNOWN);
      if (target.kind === "nixpkgs") return PKGS;
      const imported = this.importUnit(target);
      if (!imported) return UNKNOWN;
      fn = this.force(this.unitValue(imported));
      for (const a of argValues.slice(1)) fn = this.apply(fn, a);
      return fn;
    }
    // `mkShellClang = pkgs.mkShell.override { ... }; mkShellClang { ... }`
    if (fn.kind === "pkgs" && SHELL_BUILDERS.has(fn.path[fn.path.length - 1] ?? "") && args.length >= 1) return known("shell", argValues);
    for (const a of argValues) fn = this.apply(fn, a);
    return fn;
  }
}

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

/** An attribute's static name: `x`, `"x"`; null for `${...}`. */
export function attrName(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === "identifier") return node.text;
  if (node.type === "string_expression" && node.namedChildren.every((c) => c?.type === "string_fragment")) {
    return node.namedChildren.map((c) => c!.text).join("");
  }
  return null;
}

/** A formal of a function we do not see called: what callPackage, flakes or flake-parts pass. */
function standaloneFormal(name: string): Value {
  if (name === "pkgs" || name === "final" || name === "prev" || name === "super") return PKGS;
  if (name === "nixpkgs" || NIXPKGS_INPUT.test(name)) return { kind: "nixpkgs", perSystem: false };
  if (PKGS_ALIAS.test(name)) return PKGS;
  if (name === "inputs") return { kind: "inputs", perSystem: false };
  if (name === "inputs'") return { kind: "inputs", perSystem: true };
  if (name === "self" || name === "config" || name === "self'") return { kind: "self", path: [] };
  if (NOT_PACKAGES.has(name)) return UNKNOWN;
  if (PYTHON_SET.test(name)) return { kind: "python-set", interpreter: name.replace(/Packages$/, "") };
  return { kind: "pkgs", path: [name] };
}

/** `pkgs: ...`, `final: prev: ...` (overlays); any other bare argument is unknown. */
function standaloneUniversal(name: string): Value {
  return name === "pkgs" || name === "final" || name === "prev" || name === "super" ? PKGS : UNKNOWN;
}

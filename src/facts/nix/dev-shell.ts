import type { Node } from "web-tree-sitter";
import type { Snippet } from "../../embed/snippet.js";
import type { Range } from "../../text/range.js";
import { pypiName, pythonRole, type PythonRole } from "./pypi-names.js";
import { INTERPRETER, SHELL_BUILDERS, topEnv, type Env, type Forced, type KnownCall, type ListItem, type NixpkgsEvaluator as Evaluator, type Value } from "./nixpkgs.js";
import { attrName, callHead, headNames, unwrap } from "./syntax.js";
import type { Binding, NixUnit } from "./values.js";

/** Where something is written. Rules report only what is `here`. */
export interface NixLocation {
  /** posix, relative to the root */
  readonly file: string;
  /** host range when `here`; otherwise offsets into that file */
  readonly range: Range;
  /** in the snippet these facts describe (so in the file being linted) */
  readonly here: boolean;
}

export type PackageMeaning =
  /** `python3Packages.numpy`, `ps.numpy`, `python3.pkgs.numpy`; `pypi` is the name to give uv */
  | { readonly kind: "python-package"; readonly name: string; readonly pypi: string; readonly role: PythonRole; readonly certain: boolean }
  /** `python3Packages.uv`: uv from the Python set (use `pkgs.uv`) */
  | { readonly kind: "python-uv" }
  /** pip, poetry, conda, ... from nixpkgs or a Python set */
  | { readonly kind: "package-manager"; readonly name: string }
  /** `python.withPackages (...)` */
  | { readonly kind: "python-env"; readonly call: NixLocation; readonly inline: boolean; readonly hasUv: boolean }
  | { readonly kind: "interpreter"; readonly attr: string; readonly version: string | null }
  | { readonly kind: "uv" }
  /** any other nixpkgs attribute or known derivation */
  | { readonly kind: "package"; readonly attr: string }
  | { readonly kind: "unknown" };

export interface NixPackage {
  /** the element as written */
  readonly text: string;
  readonly at: NixLocation;
  readonly meaning: PackageMeaning;
  /** the attribute it is listed under: packages, buildInputs, ..., withPackages */
  readonly list: string;
  /** "inputsFrom": it comes from a shell this one takes inputs from */
  readonly via: "list" | "inputsFrom";
  /** written directly in a list literal, so removing it removes just it */
  readonly alone: boolean;
  /** host range whose removal takes it out with its line (and trailing comment) or one blank */
  readonly removal?: Range;
  /** the `let`/`rec` binding it was reached through */
  readonly binding?: { readonly name: string; readonly at: NixLocation };
}

export interface DevShell {
  /** `default` for `devShells.default`, the binding's name, or `shell.nix` */
  readonly name: string;
  /** the builder as written (`pkgs.mkShell`) */
  readonly at: NixLocation;
  readonly packages: readonly NixPackage[];
  /** false when some list or element could not be resolved, so absence proves nothing */
  readonly complete: boolean;
  /** the package list attributes it sets (packages, buildInputs, ..., inputsFrom) */
  readonly lists: readonly string[];
  /** an interpreter given outside the lists (`UV_PYTHON = lib.getExe pkgs.python311;`) */
  readonly interpreterInEnv: boolean;
  /** where packages can be added to it (src/fix/nix-packages.ts writes the text); undefined when nowhere safely */
  readonly insertion: ShellInsertion | undefined;
}

/**
 * A place to add nixpkgs attributes to a dev shell, in host ranges: the package list it already
 * has (with its elements, for their indentation), or its attribute set when it has no list.
 * `spell` writes attributes as the scope there reaches them (`uv` under `with pkgs;`, else
 * `pkgs.uv`); undefined when it cannot.
 */
export type ShellInsertion =
  | { readonly kind: "list"; readonly list: Range; readonly elements: readonly Range[]; spell(attrs: readonly string[]): string[] | undefined }
  | { readonly kind: "attrset"; readonly attrset: Range; readonly firstBinding?: Range; spell(attrs: readonly string[]): string[] | undefined };

export interface WithPackagesCall {
  /** `python.withPackages` */
  readonly at: NixLocation;
  /** the interpreter expression as written (`python`, `pkgs.python311`) and what it is */
  readonly interpreter: { readonly text: string; readonly attr: string | null; readonly version: string | null };
  readonly packages: readonly NixPackage[];
  /** replaces the call (with its parentheses when it is a list element) by the interpreter */
  readonly replacement?: { readonly range: Range; readonly text: string };
  /** `packages` are all its elements (the function and its list could be read) */
  readonly complete: boolean;
  /**
   * Its only uses are elements of dev-shell package lists: written in one, or bound by a `let`
   * whose every reference is one. Only then does editing it change nothing but dev shells.
   */
  readonly devShellOnly: boolean;
}

export interface PythonBuild {
  /** buildPythonPackage, buildPythonApplication, mkPoetryApplication, mkPoetryEnv, poetry2nix, ... */
  readonly name: string;
  readonly at: NixLocation;
}

export interface InterpreterRef {
  readonly text: string;
  readonly attr: string;
  /** "3.11" for python311; null for python3, python, pypy */
  readonly version: string | null;
  readonly at: NixLocation;
}

export interface NixFacts {
  readonly file: string;
  /** dev shells defined here, and those defined elsewhere that take packages from here */
  readonly shells: readonly DevShell[];
  readonly withPackages: readonly WithPackagesCall[];
  readonly pythonBuilds: readonly PythonBuild[];
  readonly interpreters: readonly InterpreterRef[];
  /** the root `.python-version`, when the file exists */
  readonly pythonVersionFile?: {
    readonly path: string;
    readonly version: string;
    /** the file's text without a BOM, and where the version sits in it */
    readonly text: string;
    readonly range: Range;
  };
}

const LIST_ATTRS = ["packages", "buildInputs", "nativeBuildInputs", "propagatedBuildInputs", "propagatedNativeBuildInputs"];
const PACKAGE_MANAGERS = new Set(["pip", "poetry", "conda", "mamba", "micromamba", "pipenv", "pdm", "pipx", "virtualenv"]);
const PYTHON_BUILDS = new Set([
  "buildPythonPackage", "buildPythonApplication", "mkPoetryApplication", "mkPoetryEnv", "mkPoetryPackages",
  "mkPoetryEditablePackage", "mkPoetryScriptsPackage", "mkPoetry2Nix",
]);

/** `python311` -> "3.11"; `python3`, `python`, `pypy3` -> null. */
export function interpreterVersion(attr: string): string | null {
  const m = /^python(\d)(\d+)/.exec(attr);
  return m ? `${m[1]}.${m[2]}` : null;
}

/** What a forced element value is, by the catalogue in contract.md. */
export function classify(f: Forced): Exclude<PackageMeaning, { kind: "python-env" }> | "python-env" {
  switch (f.kind) {
    case "python-package": {
      if (f.name === "uv") return { kind: "python-uv" };
      if (PACKAGE_MANAGERS.has(f.name)) return { kind: "package-manager", name: f.name };
      const pypi = pypiName(f.name);
      return { kind: "python-package", name: f.name, pypi, role: pythonRole(pypi), certain: f.shadowing !== true };
    }
    case "pkgs": {
      const attr = f.path.join(".");
      if (f.path.length !== 1) return f.path.length === 0 || f.path[0] === "lib" ? { kind: "unknown" } : { kind: "package", attr };
      if (INTERPRETER.test(attr)) return { kind: "interpreter", attr, version: interpreterVersion(attr) };
      if (attr === "uv") return { kind: "uv" };
      if (PACKAGE_MANAGERS.has(attr)) return { kind: "package-manager", name: attr };
      return { kind: "package", attr };
    }
    case "call":
      if (f.what === "python-env") return "python-env";
      return { kind: "package", attr: f.head.text };
    default:
      return { kind: "unknown" };
  }
}

type Called = KnownCall;

/** A shell as the walk finds it, before its lists are read. */
export interface FoundShell {
  readonly name: string;
  readonly value: Called;
  /** found by evaluating a `devShells` binding, so its arguments are known */
  readonly forced: boolean;
}

/** Everything the walk over one unit finds, as nodes. */
export interface UnitScan {
  readonly unit: NixUnit;
  readonly shells: FoundShell[];
  readonly envs: Called[];
  readonly builds: { name: string; node: Node }[];
  readonly interpreters: { start: number; end: number; attr: string }[];
}

/**
 * Walks one unit with its scopes, finding dev shells (mkShell calls, `devShells.*` bindings, a
 * shell.nix's top-level mkDerivation), withPackages calls, Python package builds and interpreter
 * references.
 */
export function scanUnit(ev: Evaluator, unit: NixUnit): UnitScan {
  const scan: UnitScan = { unit, shells: [], envs: [], builds: [], interpreters: [] };
  const seenCalls = new Set<number>();
  // `f a b` nests as `(f a) b`: only the outermost application is the call. The walk meets it
  // first and marks its function; asking for a node's parent would cost its depth each time.
  const appliedFurther = new Set<number>();
  const seenInterp = new Set<number>();
  const interp = (start: number, end: number, attr: string) => {
    if (seenInterp.has(start)) return;
    seenInterp.add(start);
    scan.interpreters.push({ start, end, attr });
  };

  type Ctx = { name: string; devShells: boolean; inputs: boolean };
  // An explicit stack, not recursion: `f a a a ...` nests one node per argument, and 10,000
  // arguments would run the call stack out. Children are visited in order, as recursion would.
  const pending: [Node, Env, Ctx][] = [];
  let children: [Node, Env, Ctx][] = [];
  const visit = (node: Node, env: Env, ctx: Ctx): void => void children.push([node, env, ctx]);
  const step = (node: Node, env: Env, ctx: Ctx): void => {
    switch (node.type) {
      case "let_expression":
      case "rec_attrset_expression": {
        const scope = ev.recursiveEnv(node, env, unit);
        for (const c of node.namedChildren) if (c) visit(c, scope, ctx);
        return;
      }
      case "with_expression": {
        const scope = ev.withEnv(node, env, unit);
        const environment = node.childForFieldName("environment");
        if (environment) visit(environment, env, ctx);
        const body = node.childForFieldName("body");
        if (body) visit(body, scope, ctx);
        return;
      }
      case "function_expression": {
        const scope = ev.lambdaEnv(node, env, unit);
        for (const c of node.namedChildren) if (c) visit(c, scope, ctx);
        return;
      }
      case "binding": {
        const attrs = node.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
        const names = attrs.map(attrName);
        const expr = node.childForFieldName("expression");
        const devShells = ctx.devShells || names.includes("devShells");
        const inputs = ctx.inputs || names[0] === "inputs";
        const name = [...names].reverse().find((n): n is string => n !== null) ?? ctx.name;
        const input = inputs ? attrs.find((a) => attrName(a) === "poetry2nix") : undefined;
        if (input && !scan.builds.some((b) => b.name === "poetry2nix")) scan.builds.push({ name: "poetry2nix", node: input });
        if (devShells && expr && names[names.length - 1] !== "devShells") {
          const v = ev.force(ev.thunk(expr, env, unit));
          if (v.kind === "call" && v.what === "shell") scan.shells.push({ name, value: v, forced: true });
        }
        if (expr) visit(expr, env, { name, devShells, inputs });
        return;
      }
      case "inherit_from": {
        const from = node.childForFieldName("expression");
        const base = from ? ev.force(ev.thunk(from, env, unit)) : undefined;
        for (const a of node.childForFieldName("attrs")?.childrenForFieldName("attr") ?? []) {
          if (base?.kind === "pkgs" && base.path.length === 0 && INTERPRETER.test(a.text)) interp(a.startIndex, a.endIndex, a.text);
        }
        if (from) visit(from, env, ctx);
        return;
      }
      case "variable_expression": {
        const name = node.text;
        if (INTERPRETER.test(name) && !ev.isLexical(name, env)) {
          const v = ev.force(ev.lookup(name, env));
          if (v.kind === "pkgs" && v.path.length === 1 && v.path[0] === name) interp(node.startIndex, node.endIndex, name);
        }
        return;
      }
      case "select_expression": {
        const attrs = node.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
        attrs.forEach((a, i) => {
          const name = attrName(a);
          if (!name || !INTERPRETER.test(name)) return;
          const v = ev.selectPrefix(node, env, unit, i + 1);
          if (v.kind === "pkgs" && v.path.length === 1 && v.path[0] === name) interp(node.startIndex, a.endIndex, name);
        });
        break;
      }
      case "apply_expression": {
        const fn = node.childForFieldName("function");
        if (fn) appliedFurther.add(fn.id);
        const head = callHead(node);
        const names = head ? headNames(head) : [];
        const last = names[names.length - 1] ?? "";
        if (head && PYTHON_BUILDS.has(last) && !appliedFurther.has(node.id)) {
          scan.builds.push({ name: last, node: head });
        }
        const shellHead =
          SHELL_BUILDERS.has(last) ||
          (last === "override" && SHELL_BUILDERS.has(names[names.length - 2] ?? "")) ||
          (head?.type === "variable_expression" && isShellBuilder(ev.force(ev.lookup(last, env))));
        if ((shellHead || last === "withPackages") && !seenCalls.has(node.startIndex) && !appliedFurther.has(node.id)) {
          const v = ev.force(ev.thunk(node, env, unit));
          if (v.kind === "call" && (v.what === "shell" || v.what === "python-env")) {
            seenCalls.add(node.startIndex);
            if (v.what === "shell") scan.shells.push({ name: ctx.name, value: v, forced: false });
            else scan.envs.push(v);
          }
        }
        break;
      }
    }
    for (const c of node.namedChildren) if (c) visit(c, env, ctx);
  };

  const root = unit.root;
  const unnamed = unit.file.slice(unit.file.lastIndexOf("/") + 1);
  for (const c of root.namedChildren) if (c) visit(c, topEnv(), { name: unnamed, devShells: false, inputs: false });
  const queueChildren = (): void => {
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
    children = [];
  };
  queueChildren();
  while (pending.length > 0) {
    step(...pending.pop()!);
    queueChildren();
  }

  // A plain shell.nix: its value is the shell, whatever builds it.
  if (/(^|\/)shell\.nix$/.test(unit.file)) {
    let v = ev.force(ev.unitValue(unit));
    if (v.kind === "lambda") v = ev.apply(v, { kind: "attrs", entries: [] });
    if (v.kind === "call" && (v.what === "shell" || v.what === "shell-derivation")) scan.shells.push({ name: "shell.nix", value: v, forced: true });
  }
  return scan;
}

/** A shell builder under another name (`mkShellClang = pkgs.mkShell.override { ... };`). */
function isShellBuilder(v: Forced): boolean {
  return v.kind === "pkgs" && SHELL_BUILDERS.has(v.path[v.path.length - 1] ?? "");
}

/** Places nodes: host ranges for the snippet being linted, raw offsets elsewhere. */
export class Locator {
  constructor(
    readonly current: NixUnit,
    readonly snippet: Snippet,
  ) {}

  at(unit: NixUnit, start: number, end: number): NixLocation {
    if (unit !== this.current) return { file: unit.file, range: { start, end }, here: false };
    return { file: unit.file, range: this.snippet.map.toHostRange({ start, end }), here: true };
  }

  node(unit: NixUnit, node: Node): NixLocation {
    return this.at(unit, node.startIndex, node.endIndex);
  }

  /** The host range that removes an element: its whole line (and trailing comment) when alone on it, else it and one blank. */
  removal(unit: NixUnit, node: Node): Range | undefined {
    if (unit !== this.current || !this.snippet.map.isVerbatim({ start: node.startIndex, end: node.endIndex })) return undefined;
    const text = this.snippet.host.text;
    const { start, end } = this.snippet.map.toHostRange({ start: node.startIndex, end: node.endIndex });
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    let lineEnd = text.indexOf("\n", end);
    if (lineEnd === -1) lineEnd = text.length;
    const before = text.slice(lineStart, start);
    const after = text.slice(end, lineEnd).replace(/\r$/, "");
    if (/^[ \t]*$/.test(before) && /^[ \t]*(#.*)?$/.test(after)) return { start: lineStart, end: Math.min(text.length, lineEnd + 1) };
    if (/[ \t]/.test(text[end] ?? "")) return { start, end: end + 1 };
    if (/[ \t]/.test(text[start - 1] ?? "")) return { start: start - 1, end };
    return { start, end };
  }
}

/** Reads the package lists of shells and withPackages calls into facts. */
export class ShellReader {
  /** the expressions of dev shells' list attributes (`packages = ...`), by unit */
  private readonly shellLists = new Map<NixUnit, Node[]>();

  constructor(
    private readonly ev: Evaluator,
    private readonly loc: Locator,
  ) {}

  /** Notes where a shell's lists are written, before any is read: a list binding only they use is theirs to edit. */
  noteLists(shell: Called): void {
    const attrs = this.ev.force(shell.args[0] ?? { kind: "unknown" });
    for (const list of LIST_ATTRS) {
      const value = attrs.kind === "attrs" || attrs.kind === "update" ? this.ev.attrValue(attrs, list) : undefined;
      if (value?.kind === "thunk") this.shellLists.set(value.unit, [...(this.shellLists.get(value.unit) ?? []), value.node]);
    }
  }

  /**
   * A list reached through a binding (`common = [ ... ]; packages = common;`) is the shells' own
   * only when it is a `let` binding whose every reference sits in a shell's list attribute; else
   * a package build may share it, and removing an element would change that build too.
   */
  private ownedByShells(binding: Binding | undefined): boolean {
    if (!binding) return true;
    const owner = binding.node.parent?.parent;
    const uses = owner?.type === "binding" ? letUses(owner) : undefined;
    const lists = this.shellLists.get(binding.unit) ?? [];
    return uses !== undefined && uses.every((u) => lists.some((l) => l.startIndex <= u.startIndex && u.endIndex <= l.endIndex));
  }

  /** The shell's packages (its own lists, then those of the shells in `inputsFrom`). */
  packages(shell: Called, named: (name: string) => Called | undefined, seen = new Set<string>()): { packages: NixPackage[]; complete: boolean; lists: string[]; interpreterInEnv: boolean } {
    const key = (c: Called) => `${c.unit.file}:${c.call.startIndex}`;
    seen.add(key(shell));
    const attrs = this.ev.force(shell.args[0] ?? { kind: "unknown" });
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
        const other = v.kind === "call" && v.what === "shell" ? v : v.kind === "self" && v.path.includes("devShells") ? named(v.path[v.path.length - 1]!) : undefined;
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
    const removal = item.inLiteral && this.ownedByShells(item.listBinding) ? this.loc.removal(unit, node) : undefined;
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

  /** Where nixpkgs attributes can be added to a shell written here: its package list, or its attribute set (a new `packages`). */
  insertion(shell: Called): ShellInsertion | undefined {
    const arg = shell.args[0];
    if (shell.unit !== this.loc.current || arg?.kind !== "thunk") return undefined;
    const attrset = unwrap(arg.node);
    if (attrset.type !== "attrset_expression" && attrset.type !== "rec_attrset_expression") return undefined;
    const bindings = attrset.namedChildren.find((c) => c?.type === "binding_set")?.namedChildren.filter((b): b is Node => b !== null) ?? [];
    const named = (name: string) => bindings.find((b) => b.type === "binding" && b.childForFieldName("attrpath")?.text === name);
    const at = (n: Node) => this.loc.node(shell.unit, n).range;
    const target = (expr: Node | null, env: Env): { list: Node; env: Env } | undefined => {
      if (!expr) return undefined;
      if (expr.type === "list_expression") return { list: expr, env };
      if (expr.type === "with_expression") return target(expr.childForFieldName("body"), this.ev.withEnv(expr, env, shell.unit));
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
      if (!this.loc.snippet.map.isVerbatim({ start: list.startIndex, end: list.endIndex })) continue;
      return { kind: "list", list: at(list), elements: list.childrenForFieldName("element").map(at), spell: (attrs) => this.spellAll(attrs, env) };
    }
    if (named("packages") || !this.loc.snippet.map.isVerbatim({ start: attrset.startIndex, end: attrset.endIndex })) return undefined;
    return { kind: "attrset", attrset: at(attrset), ...(bindings[0] ? { firstBinding: at(bindings[0]) } : {}), spell: (attrs) => this.spellAll(attrs, arg.env) };
  }

  /** `uv` under `with pkgs;`, else `pkgs.uv` through a variable bound to nixpkgs; undefined when neither. */
  private spellAll(attrs: readonly string[], env: Env): string[] | undefined {
    let prefix: string | undefined;
    for (let e: Env | null = env; e && prefix === undefined; e = e.parent) {
      const names = [...e.names.keys()].sort((a, b) => Number(b === "pkgs") - Number(a === "pkgs"));
      for (const n of names) {
        const v = this.ev.force(this.ev.lookup(n, env));
        if (v.kind === "pkgs" && v.path.length === 0 && /^[A-Za-z_][\w'-]*$/.test(n)) {
          prefix = `${n}.`;
          break;
        }
      }
    }
    const out: string[] = [];
    for (const attr of attrs) {
      const v = this.ev.force(this.ev.lookup(attr, env));
      if (!this.ev.isLexical(attr, env) && v.kind === "pkgs" && v.path.length === 1 && v.path[0] === attr) out.push(attr);
      else if (prefix !== undefined) out.push(prefix + attr);
      else return undefined;
    }
    return out;
  }

  /** The elements of `python.withPackages (ps: [ ... ])`: the function applied to the Python set. */
  private envItems(call: Called, interpreter: string | null): { items: ListItem[]; complete: boolean } {
    const fn = this.ev.force(call.args[0] ?? { kind: "unknown" });
    const set: Value = { kind: "python-set", interpreter };
    return fn.kind === "lambda" ? this.ev.listItems(this.ev.apply(fn, set)) : { items: [], complete: false };
  }

  /** `inShellList`: the place is an element of a dev shell's package list. */
  withPackages(call: Called, inShellList: (at: NixLocation) => boolean): WithPackagesCall {
    const { unit, head } = call;
    const base = call.base ? this.ev.force(call.base) : undefined;
    const attr = base?.kind === "pkgs" && base.path.length === 1 && INTERPRETER.test(base.path[0]!) ? base.path[0]! : null;
    const attrs = head.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
    const baseEnd = attrs.length > 1 ? attrs[attrs.length - 2]!.endIndex : head.childForFieldName("expression")!.endIndex;
    const text = unit.root.text.slice(head.startIndex, baseEnd);
    const read = this.envItems(call, attr);
    const packages = read.items.map((item) => this.element(item, "withPackages", "list"));
    const uses = envUses(call.call);
    // `[ (python3.withPackages (...)) ]` becomes `[ python3 ]`.
    const outer = call.call.parent?.type === "parenthesized_expression" && call.call.parent.parent?.type === "list_expression" ? call.call.parent : call.call;
    const verbatim = unit === this.loc.current && this.loc.snippet.map.isVerbatim({ start: outer.startIndex, end: outer.endIndex });
    return {
      at: this.loc.node(unit, head),
      interpreter: { text, attr, version: attr ? interpreterVersion(attr) : null },
      packages,
      ...(verbatim ? { replacement: { range: this.loc.node(unit, outer).range, text } } : {}),
      complete: read.complete,
      devShellOnly: uses !== undefined && uses.length > 0 && uses.every((n) => inShellList(this.loc.node(unit, n))),
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

import path from "node:path";
import type { Node } from "web-tree-sitter";
import { Evaluator, type CallSite, type Conventions } from "./scope.js";
import * as values from "./values.js";
import { UNKNOWN, type UnitLoader } from "./values.js";

/**
 * nixpkgs' conventions, the table the scope evaluator consults: nixpkgs is a symbolic set (every
 * attribute of it exists), so `pkgs.python311Packages.numpy` is known for what it is without
 * knowing nixpkgs; Python package sets; what callPackage, flakes and flake-parts pass a function;
 * the calls whose meaning is known (dev shells, Python envs, derivations, `lib.optionals`).
 */

export type NixpkgsValue =
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
  /** a call whose meaning the analysis knows: a dev shell, a Python env, a derivation */
  | { readonly kind: "call"; readonly what: CallKind; readonly call: Node; readonly head: Node; readonly args: readonly Value[]; readonly unit: values.NixUnit; readonly env: Env; readonly base?: Value };

/** dev-shell: mkShell/mkShellNoCC; dev-shell-derivation: the mkDerivation of a shell.nix; python-env: `<python>.withPackages f`; derivation: a known builder. */
export type CallKind = "dev-shell" | "python-env" | "derivation" | "dev-shell-derivation";

export type Value = values.Value<NixpkgsValue>;
export type Forced = values.Forced<NixpkgsValue>;
export type Env = values.Env<NixpkgsValue>;
export type ListItem = values.ListItem<NixpkgsValue>;
export type KnownCall = Extract<NixpkgsValue, { kind: "call" }>;
export type NixpkgsEvaluator = Evaluator<NixpkgsValue>;

/** The scope of a unit's top expression. */
export const topEnv = (): Env => new values.Env(null);

const PKGS: Forced = { kind: "pkgs", path: [] };

/** Nix names that are not nixpkgs attributes when they arrive as function arguments. */
const NOT_PACKAGES = new Set(["system", "options", "specialArgs", "modulesPath", "withSystem", "getSystem", "moduleWithSystem", "flake-parts-lib", "args"]);
/** `<python>.withPackages`, `mkShell`: recognised by the function's last name. */
export const DEV_SHELL_BUILDERS = new Set(["mkShell", "mkShellNoCC"]);
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

export const NIXPKGS: Conventions<NixpkgsValue> = {
  formal: (name, ev, fill) => (fill && name !== "pkgs" ? ev.selectAttr(fill, name) : standaloneFormal(name)),
  universal: (name, withFormals) => (name === "inputs" ? standaloneFormal(name) : withFormals ? UNKNOWN : standaloneUniversal(name)),
  select,
  withName(v, name, outer, ev) {
    // `with lib;` brings functions, never packages: names pass through it.
    if (v.kind === "pkgs" && v.path[0] === "lib") return null;
    const found = select(v, name);
    // Nix takes the Python set's attribute when it has one, else the outer nixpkgs': unknowable
    // here, except for interpreters, which Python sets do not hold.
    if (found.kind === "python-package" && withinPkgs(outer, ev)) {
      if (INTERPRETER.test(name) || PYTHON_SET.test(name)) return null;
      return { ...found, shadowing: true };
    }
    return found;
  },
  searchPath: (text) => (text === "<nixpkgs>" ? { kind: "nixpkgs", perSystem: false } : UNKNOWN),
  call: knownCall,
  // `mkShellClang = pkgs.mkShell.override { ... }; mkShellClang { ... }`
  callValue: (fn, site) => (fn.kind === "pkgs" && DEV_SHELL_BUILDERS.has(fn.path[fn.path.length - 1] ?? "") && site.args.length >= 1 ? known(site, "dev-shell", site.args) : undefined),
  importValue: (v) => (v.kind === "nixpkgs" ? PKGS : undefined),
};

export function nixpkgsEvaluator(load: UnitLoader): NixpkgsEvaluator {
  return new Evaluator(load, NIXPKGS);
}

function select(v: NixpkgsValue, name: string | null): Forced {
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
    default:
      return UNKNOWN;
  }
}

/** Some `with` scope around this one is nixpkgs itself. */
function withinPkgs(env: Env | null, ev: NixpkgsEvaluator): boolean {
  for (const scope of ev.withScopes(env)) if (scope.kind === "pkgs" && scope.path.length === 0) return true;
  return false;
}

function known(site: CallSite<NixpkgsValue>, what: CallKind, args: readonly Value[], base?: Value): KnownCall {
  return { kind: "call", what, call: site.node, head: site.head, args, unit: site.unit, env: site.env, ...(base ? { base } : {}) };
}

/** The calls known by their function's last name. */
function knownCall(site: CallSite<NixpkgsValue>, ev: NixpkgsEvaluator): Forced | undefined {
  const { names, head, args, env, unit } = site;
  const last = names[names.length - 1];
  if (last && DEV_SHELL_BUILDERS.has(last) && args.length >= 1) return known(site, "dev-shell", args);
  if (last === "override" && names.length >= 2 && DEV_SHELL_BUILDERS.has(names[names.length - 2]!) && args.length >= 2) return known(site, "dev-shell", args.slice(1));
  if (last === "withPackages" && head.type === "select_expression" && args.length >= 1) return known(site, "python-env", args, ev.selectBase(head, env, unit));
  if (last === "mkDerivation" && path.posix.basename(unit.file) === "shell.nix") return known(site, "dev-shell-derivation", args);
  if (last && DERIVATION_BUILDERS.has(last)) return known(site, "derivation", args);
  if ((last === "optionals" || last === "optional") && args.length >= 2) {
    return last === "optionals" ? ev.force(args[1]!) : { kind: "items", values: [args[1]!] };
  }
  if (last && OVERRIDES.has(last) && head.type === "select_expression") return ev.selectBase(head, env, unit);
  if (last === "callPackage" && args.length >= 1) {
    const target = ev.force(args[0]!);
    const imported = ev.importUnit(target);
    const fn = imported ? ev.force(ev.unitValue(imported)) : target;
    // `python3Packages.callPackage` fills the formals from the Python set.
    const owner = head.type === "select_expression" ? ev.selectBase(head, env, unit) : undefined;
    return ev.apply(fn, args[1] ?? { kind: "attrs", entries: [] }, owner?.kind === "python-set" ? owner : undefined);
  }
  return undefined;
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

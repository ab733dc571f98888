import type { Node } from "web-tree-sitter";

/**
 * What the scope evaluator (scope.ts) computes: Nix values as far as they can be told without
 * running Nix. `D` are the values a table of conventions adds (nixpkgs.ts: nixpkgs, Python sets,
 * known calls); the evaluator hands them to the table and never looks inside.
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

/** A value of a table of conventions; its kinds are its own (none of the language's below). */
export interface ConventionValue {
  readonly kind: string;
}

/** A value not computed yet. */
export type Delayed<D extends ConventionValue> =
  /** an expression not evaluated yet */
  | { readonly kind: "thunk"; readonly node: Node; readonly env: Env<D>; readonly unit: NixUnit; readonly binding?: Binding }
  /** `inherit x;`: x in the enclosing scope */
  | { readonly kind: "lookup"; readonly name: string; readonly env: Env<D> }
  /** `inherit (e) x;` */
  | { readonly kind: "select"; readonly base: Value<D>; readonly name: string };

export type Value<D extends ConventionValue> = Delayed<D> | Forced<D>;

export type Forced<D extends ConventionValue> = D | LanguageValue<D>;

/** The language's own values. */
export type LanguageValue<D extends ConventionValue> =
  | { readonly kind: "attrs"; readonly entries: readonly AttrEntry<D>[] }
  | { readonly kind: "update"; readonly left: Value<D>; readonly right: Value<D> }
  | { readonly kind: "lambda"; readonly node: Node; readonly env: Env<D>; readonly unit: NixUnit }
  | { readonly kind: "list"; readonly node: Node; readonly env: Env<D>; readonly unit: NixUnit }
  /** `lib.optional c x`: a list of values that are not written in a list literal */
  | { readonly kind: "items"; readonly values: readonly Value<D>[] }
  | { readonly kind: "concat"; readonly parts: readonly Value<D>[] }
  /** `if c then a else b`: either */
  | { readonly kind: "either"; readonly options: readonly Value<D>[] }
  | { readonly kind: "path"; readonly abs: string | null }
  | { readonly kind: "builtin"; readonly name: string }
  | { readonly kind: "unknown" };

const DELAYED = new Set(["thunk", "lookup", "select"]);
const LANGUAGE = new Set(["attrs", "update", "lambda", "list", "items", "concat", "either", "path", "builtin", "unknown"]);

export function isDelayed<D extends ConventionValue>(v: Value<D>): v is Delayed<D> {
  return DELAYED.has(v.kind);
}

/** False for a value of the table of conventions. */
export function isLanguageValue<D extends ConventionValue>(v: Forced<D>): v is LanguageValue<D> {
  return LANGUAGE.has(v.kind);
}

export interface AttrEntry<D extends ConventionValue> {
  /** static attribute names; null for `${dynamic}` */
  readonly path: readonly (string | null)[];
  readonly value: Value<D>;
}

/** A lexical scope (`names`) or a `with` scope (`with`); lexical names always win over `with`. */
export class Env<D extends ConventionValue> {
  readonly names = new Map<string, Value<D>>();
  constructor(
    readonly parent: Env<D> | null,
    readonly withValue: Value<D> | null = null,
  ) {}
}

/** An element of a list, with the scope it is read in. */
export interface ListItem<D extends ConventionValue> {
  readonly node: Node;
  readonly env: Env<D>;
  readonly unit: NixUnit;
  /** written directly in a list literal (`[ a b ]`), so it can be removed on its own */
  readonly inLiteral: boolean;
  /** the binding the list came through (`common = [ ... ]; packages = common;`) */
  readonly listBinding?: Binding;
}

export const UNKNOWN = { kind: "unknown" } as const satisfies LanguageValue<never>;

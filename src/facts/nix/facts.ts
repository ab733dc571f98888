import type { Range } from "../../text/range.js";
import type { PythonRole } from "./pypi-names.js";

/** The `nix` fact: what rules read of a Nix file. */

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
  /** "inputsFrom": it comes from a dev shell this one takes inputs from */
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
  readonly insertion: DevShellInsertion | undefined;
}

/**
 * A place to add nixpkgs attributes to a dev shell, in host ranges: the package list it already
 * has (with its elements, for their indentation), or its attribute set when it has no list;
 * `reach` says how the scope there names nixpkgs attributes.
 */
export type DevShellInsertion =
  | { readonly kind: "list"; readonly list: Range; readonly elements: readonly Range[]; readonly reach: NixpkgsReach }
  | { readonly kind: "attrset"; readonly attrset: Range; readonly firstBinding?: Range; readonly reach: NixpkgsReach };

/** How a scope names nixpkgs attributes. */
export interface NixpkgsReach {
  /** the bare name is nixpkgs' attribute here (`uv` under `with pkgs;`, not shadowed) */
  bare(attr: string): boolean;
  /** a variable bound to nixpkgs itself here (`pkgs` when that is one); undefined when none is */
  variable(): string | undefined;
}

export interface WithPackagesCall {
  /** `python.withPackages` */
  readonly at: NixLocation;
  /** the interpreter expression as written (`python`, `pkgs.python311`) and what it is */
  readonly interpreter: { readonly text: string; readonly attr: string | null; readonly version: string | null };
  readonly packages: readonly NixPackage[];
  /** where the call is written, with its parentheses when it is a list element; only when that text is the file's own (so it can be edited) */
  readonly written?: Range;
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
  readonly devShells: readonly DevShell[];
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

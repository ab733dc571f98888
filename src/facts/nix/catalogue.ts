import type { PackageMeaning } from "./facts.js";
import { INTERPRETER, type Forced } from "./nixpkgs.js";
import { pypiName, pythonRole } from "./pypi-names.js";

/** What nixpkgs attributes are to this linter: the package lists of a dev shell, package managers, Python builds, interpreters. */

export const LIST_ATTRS = ["packages", "buildInputs", "nativeBuildInputs", "propagatedBuildInputs", "propagatedNativeBuildInputs"];
const PACKAGE_MANAGERS = new Set(["pip", "poetry", "conda", "mamba", "micromamba", "pipenv", "pdm", "pipx", "virtualenv"]);
export const PYTHON_BUILDS = new Set([
  "buildPythonPackage", "buildPythonApplication", "mkPoetryApplication", "mkPoetryEnv", "mkPoetryPackages",
  "mkPoetryEditablePackage", "mkPoetryScriptsPackage", "mkPoetry2Nix",
]);

/** `python311` -> "3.11"; `python3`, `python`, `pypy3` -> null. */
export function interpreterVersion(attr: string): string | null {
  const m = /^python(\d)(\d+)/.exec(attr);
  return m ? `${m[1]}.${m[2]}` : null;
}

/** What a forced element value is, by the catalogue in docs/contract.md. */
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

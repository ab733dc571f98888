import { normalizeName } from "../python/pep503.js";
import { parseRequirement } from "../python/pep508.js";
import { dependenciesOf } from "../python/dependencies.js";
import type { WorkspaceModel } from "../python/workspace.js";
import { stringsIn, valueAt, type TomlDocument } from "../../parse/toml.js";
import { pythonToolsWithRole, type PythonRole } from "../shell/command-words.js";

/**
 * What a nixpkgs Python attribute is on PyPI, and whether the workspace already gets it from uv:
 * the knowledge that decides whether taking it out of a dev shell loses anything.
 */

/** nixpkgs attribute -> PyPI name, where they differ beyond PEP 503 normalisation */
const PYPI_NAMES: Readonly<Record<string, string>> = {
  opencv4: "opencv-python", opencv: "opencv-python", opencv3: "opencv-python", "opencv-python": "opencv-python",
  pytorch: "torch", torchWithCuda: "torch", torchWithRocm: "torch", torchWithoutCuda: "torch", "torch-bin": "torch", "pytorch-bin": "torch",
  "torchvision-bin": "torchvision", "torchaudio-bin": "torchaudio", "tensorflow-bin": "tensorflow", "jaxlib-bin": "jaxlib",
  scikitlearn: "scikit-learn", "scikit-learn": "scikit-learn", scikitimage: "scikit-image",
  pillow: "pillow", pyyaml: "PyYAML", pyqt5: "PyQt5", pyqt6: "PyQt6", pyside6: "PySide6",
  dateutil: "python-dateutil", pygobject3: "PyGObject", beautifulsoup4: "beautifulsoup4", bs4: "beautifulsoup4",
  psycopg2: "psycopg2", pyzmq: "pyzmq", "prompt_toolkit": "prompt-toolkit", pytestcov: "pytest-cov",
};

const BUILD_TOOLS = pythonToolsWithRole("build");
const DEV_TOOLS = pythonToolsWithRole("dev");

export type { PythonRole };

/** The PyPI name to give uv for a nixpkgs Python attribute (`opencv4` -> `opencv-python`). */
export function pypiName(attr: string): string {
  return PYPI_NAMES[attr] ?? normalizeName(attr);
}

export function pythonRole(pypi: string): PythonRole {
  const name = normalizeName(pypi);
  if (BUILD_TOOLS.has(name)) return "build";
  if (DEV_TOOLS.has(name) || name.startsWith("pytest-") || name.startsWith("types-") || name.endsWith("-stubs")) return "dev";
  return "runtime";
}

/** Where each PEP 503 name is declared for uv: project dependencies, extras, groups; build requirements apart. */
export interface Declarations {
  /** normalised name -> the pyproject.toml declaring it as a dependency */
  readonly dependencies: ReadonlyMap<string, string>;
  /** normalised name -> the pyproject.toml whose `[build-system] requires` lists it */
  readonly buildRequires: ReadonlyMap<string, string>;
}

/** What every member and the root pyproject.toml declare (the root counts even when it is a virtual workspace root). */
export function declarations(ws: WorkspaceModel): Declarations {
  const dependencies = new Map<string, string>();
  const buildRequires = new Map<string, string>();
  const read = (file: string, doc: TomlDocument) => {
    for (const d of dependenciesOf(doc)) if (!dependencies.has(d.requirement.normalizedName)) dependencies.set(d.requirement.normalizedName, file);
    for (const { value } of stringsIn(valueAt(doc.value, ["build-system", "requires"]))) {
      const r = parseRequirement(value);
      if (r && !buildRequires.has(r.normalizedName)) buildRequires.set(r.normalizedName, file);
    }
  };
  for (const m of ws.members) read(m.pyprojectPath, m.toml);
  if (ws.rootPyproject && !ws.members.some((m) => m.dir === ".")) read(ws.rootPyproject.path, ws.rootPyproject.toml);
  return { dependencies, buildRequires };
}

/** The pyproject.toml from which uv already provides this package, if any (build tools: also its build requirements). */
export function declaredIn(decl: Declarations, pypi: string, role: PythonRole): string | undefined {
  const name = normalizeName(pypi);
  return decl.dependencies.get(name) ?? (role === "build" ? decl.buildRequires.get(name) : undefined);
}

/**
 * The catalogue of command words: the first word of every command line some rule reads. A leaf
 * module (it imports nothing), so that the Markdown embedder can tell a command line in a doc's
 * inline code by the same list the rules use on scripts, without reaching further into facts.
 */

export const PIP = /^pip(\d+(\.\d+)*)?$/;
export const PYTHON = /^python(\d+(\.\d+)*)?$/;
export const EASY_INSTALL = /^easy_install(-\d+(\.\d+)*)?$/;

/** runtime: `uv add`; dev: `uv add --dev`; build: `[build-system] requires` */
export type PythonRole = "runtime" | "dev" | "build";

export interface PythonTool {
  /** its PyPI name, PEP 503 normalised */
  readonly pypi: string;
  /** where it belongs when a dev shell provides it instead of uv */
  readonly role: PythonRole;
  /**
   * The command words that run it from the project's environment, which must therefore go through
   * `uv run`; empty where evio-lint does not (yet) ask that (tox, nox and pre-commit build
   * environments of their own; others are often installed apart, with pipx or Nix).
   */
  readonly commands: readonly string[];
}

function uncommanded(role: PythonRole, names: readonly string[]): PythonTool[] {
  return names.map((pypi) => ({ pypi, role, commands: [] }));
}

/**
 * The one list of Python tools: what Markdown's inline code, scripts and rules recognise as one
 * (`commands`), and what a dev shell's copy of it should become (`role`). Packages not listed are
 * `runtime`, except the patterns `pythonRole` (facts/nix/pypi-names.ts) knows: pytest plugins,
 * `types-*` and `*-stubs`.
 */
export const PYTHON_TOOL_CATALOGUE: readonly PythonTool[] = [
  // test, lint and REPL tools run from the environment
  { pypi: "pytest", role: "dev", commands: ["pytest", "py.test"] },
  { pypi: "ruff", role: "dev", commands: ["ruff"] },
  { pypi: "mypy", role: "dev", commands: ["mypy"] },
  { pypi: "black", role: "dev", commands: ["black"] },
  { pypi: "isort", role: "dev", commands: ["isort"] },
  { pypi: "ipython", role: "dev", commands: ["ipython"] },
  { pypi: "pyright", role: "dev", commands: ["pyright"] },
  { pypi: "flake8", role: "dev", commands: ["flake8"] },
  { pypi: "pylint", role: "dev", commands: ["pylint"] },
  { pypi: "coverage", role: "dev", commands: ["coverage"] },
  // notebooks: often what the project ships for, so no dev-only role
  { pypi: "jupyter", role: "runtime", commands: ["jupyter"] },
  { pypi: "jupyterlab", role: "runtime", commands: ["jupyter-lab"] },
  { pypi: "notebook", role: "runtime", commands: ["jupyter-notebook"] },
  // dev tools whose commands are not checked
  ...uncommanded("dev", ["ipdb", "hypothesis", "tox", "nox", "pre-commit", "autopep8", "yapf", "bandit", "pyflakes", "pycodestyle", "pydocstyle", "codespell", "basedpyright", "pyupgrade", "debugpy"]),
  // build backends: uv reads them from `[build-system] requires`, never from the environment
  ...uncommanded("build", ["hatchling", "hatch-vcs", "hatch-fancy-pypi-readme", "setuptools", "setuptools-scm", "wheel", "flit-core", "poetry-core", "pdm-backend", "maturin", "scikit-build-core", "meson-python", "cython"]),
];

/** Python tools that must run through `uv run` (beside the interpreters). */
export const PYTHON_TOOLS: ReadonlySet<string> = new Set(PYTHON_TOOL_CATALOGUE.flatMap((t) => t.commands));

/** The PyPI names of the catalogue's tools of one role. */
export function pythonToolsWithRole(role: PythonRole): ReadonlySet<string> {
  return new Set(PYTHON_TOOL_CATALOGUE.filter((t) => t.role === role).map((t) => t.pypi));
}

/** The command words of one catalogued tool (`pytest` -> pytest, py.test). */
export function commandsOf(pypi: string): ReadonlySet<string> {
  return new Set(PYTHON_TOOL_CATALOGUE.find((t) => t.pypi === pypi)?.commands ?? []);
}

/** Package managers other than uv that manage Python packages or environments. */
export const FOREIGN_PACKAGE_MANAGERS: ReadonlySet<string> = new Set(["poetry", "conda", "mamba", "micromamba", "pipenv", "pdm", "virtualenv", "hatch"]);

/** Wrappers that run the command after their options (`sudo`, `env A=1`, `xargs`). */
export const PREFIX_WRAPPERS: ReadonlySet<string> = new Set(["sudo", "doas", "env", "command", "exec", "time", "nohup", "nice", "timeout", "xargs", "stdbuf", "builtin"]);
/** Shells whose `-c` string is a script. */
export const SHELLS: ReadonlySet<string> = new Set(["bash", "sh", "zsh", "dash", "ksh"]);

/** Any command word that can run another command line (`bash -c`, `nix develop --command`, `eval`). */
export function isWrapperName(name: string): boolean {
  return PREFIX_WRAPPERS.has(name) || SHELLS.has(name) || name === "eval" || name === "su" || name === "nix" || name === "nix-shell";
}

export function isPythonToolName(name: string): boolean {
  return PYTHON.test(name) || PYTHON_TOOLS.has(name);
}

/** Shell words whose command lines the rules read: directory changes, activation scripts. */
const SHELL_COMMANDS: ReadonlySet<string> = new Set(["cd", "pushd", "source"]);

/** pip, uv, Python and its tools, other package managers, `cd`/`source`, and the wrappers. */
export function isCatalogueCommand(name: string): boolean {
  return (
    isPythonToolName(name) ||
    PIP.test(name) ||
    EASY_INSTALL.test(name) ||
    name === "uv" ||
    name === "uvx" ||
    name === "pipx" ||
    FOREIGN_PACKAGE_MANAGERS.has(name) ||
    SHELL_COMMANDS.has(name) ||
    isWrapperName(name)
  );
}

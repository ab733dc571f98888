/**
 * The catalogue of command words: the first word of every command line some rule reads. A leaf
 * module (it imports nothing), so that the Markdown embedder can tell a command line in a doc's
 * inline code by the same list the rules use on scripts, without reaching further into facts.
 */

export const PIP = /^pip(\d+(\.\d+)*)?$/;
export const PYTHON = /^python(\d+(\.\d+)*)?$/;
export const EASY_INSTALL = /^easy_install(-\d+(\.\d+)*)?$/;

/** Python tools that must run through `uv run` (beside the interpreters). */
export const PYTHON_TOOLS: ReadonlySet<string> = new Set(["pytest", "py.test", "ruff", "mypy", "black", "isort", "ipython", "jupyter", "jupyter-lab", "jupyter-notebook", "pyright", "flake8", "pylint", "coverage"]);

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

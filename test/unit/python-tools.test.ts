import { describe, expect, it } from "vitest";
import { normalizeName } from "../../src/facts/python/pep503.js";
import { PYTHON_TOOL_CATALOGUE, PYTHON_TOOLS, commandsOf, isCatalogueCommand } from "../../src/facts/shell/command-words.js";
import { pythonRole } from "../../src/facts/nix/pypi-names.js";

// The lists that were three (command-words PYTHON_TOOLS, pypi-names DEV_TOOLS/BUILD_TOOLS,
// working-dir PYTEST) are derived from one catalogue; these are their contents before the merge.
describe("the Python tool catalogue", () => {
  it("gives the commands that must run through `uv run`, as before", () => {
    expect([...PYTHON_TOOLS].sort()).toEqual(
      ["pytest", "py.test", "ruff", "mypy", "black", "isort", "ipython", "jupyter", "jupyter-lab", "jupyter-notebook", "pyright", "flake8", "pylint", "coverage"].sort(),
    );
    expect([...commandsOf("pytest")]).toEqual(["pytest", "py.test"]);
  });

  it("gives the role of a dev shell's Python package, as before", () => {
    const dev = ["pytest", "ruff", "mypy", "black", "isort", "flake8", "pylint", "pyright", "coverage", "ipython", "ipdb", "hypothesis", "tox", "nox", "pre-commit", "autopep8", "yapf", "bandit", "pyflakes", "pycodestyle", "pydocstyle", "codespell", "basedpyright", "pyupgrade", "debugpy"];
    const build = ["hatchling", "hatch-vcs", "hatch-fancy-pypi-readme", "setuptools", "setuptools-scm", "wheel", "flit-core", "poetry-core", "pdm-backend", "maturin", "scikit-build-core", "meson-python", "cython"];
    const named = (role: string) => PYTHON_TOOL_CATALOGUE.filter((t) => t.role === role).map((t) => t.pypi).sort();
    expect(named("dev")).toEqual([...dev].sort());
    expect(named("build")).toEqual([...build].sort());
    // pythonRole reads them, and its patterns, with any spelling of the name.
    expect([...dev, "pytest-cov", "types-requests", "pandas-stubs", "Pre_Commit"].filter((n) => pythonRole(n) !== "dev")).toEqual([]);
    expect([...build, "Flit_Core"].filter((n) => pythonRole(n) !== "build")).toEqual([]);
    expect(["numpy", "jupyter", "jupyterlab", "notebook", "requests"].filter((n) => pythonRole(n) !== "runtime")).toEqual([]);
  });

  it("lists each PyPI name once, normalised, and every command word is a catalogue command (Markdown inline code)", () => {
    const names = PYTHON_TOOL_CATALOGUE.map((t) => t.pypi);
    expect(names.filter((n, i) => names.indexOf(n) !== i || normalizeName(n) !== n)).toEqual([]);
    expect([...PYTHON_TOOLS].filter((c) => !isCatalogueCommand(c))).toEqual([]);
  });
});

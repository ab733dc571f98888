import type { Range } from "../../text/range.js";
import type { Word } from "./command.js";
import { commandsOf } from "./command-words.js";
import { isPythonName } from "./python-tools.js";

/**
 * Whether a command does the same thing when it runs from the root instead of the folder it was
 * written for, given that its path arguments are rebased (`edits`). Most programs may read the
 * working directory (frameworks find their app with `Path.cwd()`, scripts open relative files),
 * so only commands known to depend on nothing but their arguments qualify: pytest given the
 * paths to test, and `python -c` that only imports and prints. The answer is the reason a rewrite
 * may change behaviour, or null when it cannot.
 */
export function cwdDependence(program: readonly Word[], edits: readonly { range: Range }[], installed: boolean, member: string): string | null {
  const first = program[0];
  if (!first) return "evio-lint cannot tell which command it runs";
  const name = first.value;
  if (name !== null && PYTEST.has(name)) return pytestDependence(program.slice(1), edits);
  if (!isPythonName(name)) return `\`${first.text}\` may read the working directory (many tools find their app or settings there)`;
  // Both `-c` and `-m` put the working directory first on sys.path: imports there only work from the root when the member is installed.
  const notInstalled = `python puts the working directory on \`sys.path\` and ${member} is not installed as a package (no \`[build-system]\`)`;
  for (let i = 1; i < program.length; i++) {
    const v = program[i]!.value;
    if (v === null) break;
    if (v === "-c") {
      const code = program[i + 1]?.value;
      if (code === null || code === undefined || !onlyImportsAndPrints(code)) return "the code it runs may read the working directory";
      return installed ? null : notInstalled;
    }
    if (v === "-m") {
      const module = program[i + 1];
      if (module?.value !== "pytest") return `\`python -m ${module?.text ?? ""}\` may read the working directory`;
      return installed ? pytestDependence(program.slice(i + 2), edits) : notInstalled;
    }
    if (v === "-X" || v === "-W") i++;
    else if (!/^-[BbIOPqsSuv]+$/.test(v)) return `\`${program[i]!.text}\` may read the working directory (relative paths, \`Path.cwd()\`)`;
  }
  return "it starts an interactive interpreter";
}

const PYTEST = commandsOf("pytest");
/** pytest options that take no value (pytest --help); a value after `=` is no path here either. */
const PYTEST_FLAG =
  /^(-[qvxsl]+|-r[a-zA-Z]*|--(quiet|verbose|exitfirst|lf|last-failed|ff|failed-first|nf|new-first|sw|stepwise|stepwise-skip|showlocals|no-header|no-summary|strict-markers|strict|disable-warnings|collect-only|co|cache-clear|runxfail|doctest-modules|setup-show|full-trace|pdb|trace|capture=\w+|tb=\w+|maxfail=\d+|durations=\d+|color=\w+|import-mode=\w+|log-level=\w+|log-cli-level=\w+|timeout=\d+|reruns=\d+|dist=\w+|numprocesses=\w+|count=\d+))$/;
/** pytest options whose next word is a value that is no path. */
const PYTEST_VALUE = new Set(["-k", "-m", "-n", "-p", "-W", "--tb", "--maxfail", "--durations", "--color", "--import-mode", "--log-level", "--log-cli-level", "--timeout", "--reruns", "--dist", "--numprocesses", "--capture"]);

/**
 * pytest finds its rootdir, config and conftest files from the paths it is given, so with every
 * path rebased it tests the same thing from the root. Without a path it collects the working
 * directory; coverage and unknown options may read or write files there.
 */
function pytestDependence(args: readonly Word[], edits: readonly { range: Range }[]): string | null {
  const rebased = (w: Word): boolean => edits.some((e) => e.range.start === w.range.start && e.range.end === w.range.end);
  let operands = 0;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = w.value;
    if (v === null) return `\`${w.text}\` may be a path written for the working directory`;
    if (v.startsWith("--cov")) return "coverage reads its settings from the working directory and writes `.coverage` there";
    if (PYTEST_VALUE.has(v)) {
      const value = args[++i];
      if (value && rebased(value)) return `\`${v} ${value.text}\` reads like a path`;
      continue;
    }
    if (v.startsWith("-")) {
      if (!PYTEST_FLAG.test(v)) return `pytest's \`${w.text}\` may name a file relative to the working directory`;
      continue;
    }
    if (!rebased(w)) return `\`${w.text}\` is no file or folder in that directory`;
    operands++;
  }
  return operands > 0 ? null : "pytest with no path argument collects the tests of the working directory";
}

const NAME = String.raw`[A-Za-z_]\w*`;
const DOTTED = String.raw`${NAME}(?:\.${NAME})*`;
const AS = String.raw`${DOTTED}(?:\s+as\s+${NAME})?`;
const ATOM = String.raw`(?:'[^'\\]*'|"[^"\\]*"|${DOTTED})`;
const STATEMENT = new RegExp(
  String.raw`^(?:import\s+${AS}(?:\s*,\s*${AS})*|from\s+${DOTTED}\s+import\s+(?:\*|${AS}(?:\s*,\s*${AS})*)|print\(\s*(?:${ATOM}(?:\s*,\s*${ATOM})*)?\s*\))$`,
);

/** `import evio_core; print('ok')`, `from x import y; print(y.__version__)`: code that touches no file. */
function onlyImportsAndPrints(code: string): boolean {
  const statements = code
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return statements.length > 0 && statements.every((s) => STATEMENT.test(s));
}

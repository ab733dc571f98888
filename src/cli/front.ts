import { parseOptions, USAGE } from "./options.js";
import { VERSION } from "./version.js";

// What bin loads first when it runs the bundle (tools/bundle.ts makes this module dist/bundle/front.cjs):
// `--help` and `--version` need nothing but the option parser, so they are answered here, and
// the bundle itself is loaded only for a run that needs more (docs/performance.md).
export { loadBundle } from "./bundle-loader.js";

/** The text `main` would print for these arguments when they ask only for help or the version; else undefined. */
export function answerAlone(argv: readonly string[]): string | undefined {
  if (argv[0] === "lsp") return undefined;
  try {
    const options = parseOptions(argv, process.env, () => process.stdout.isTTY === true);
    if (options.help) return USAGE;
    if (options.version) return `${VERSION}\n`;
  } catch {
    // a usage error is main's to report
  }
  return undefined;
}

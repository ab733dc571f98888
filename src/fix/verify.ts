import type { FileKind } from "../discover/kind.js";

/**
 * A second, independent parse of text a fix wrote, for kinds where the linter's own parser is
 * lenient: TOML must also satisfy the strict @ltd/j-toml.
 */
export async function verifyFixedText(text: string, kind: FileKind): Promise<string | null> {
  if (kind !== "pyproject" && kind !== "toml" && kind !== "uv-lock") return null;
  const { verifyToml } = await import("../parse/toml.js");
  const problem = verifyToml(text);
  return problem ? `the result is not valid TOML (${problem.message})` : null;
}

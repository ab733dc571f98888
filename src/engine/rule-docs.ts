import type { AnyRule } from "./define-rule.js";

/** The short words for a rule's fix kind: the README table, docs/rules/README.md and `--list-rules` all print these. */
export const FIX_WORDS: Record<AnyRule["fix"], string> = {
  none: "none",
  suggestion: "suggestion",
  safe: "safe",
  "sometimes-safe": "safe when certain, else suggestion",
  unsafe: "unsafe",
};

const FIX_LABEL: Record<AnyRule["fix"], string> = {
  none: "none",
  suggestion: "suggestion (shown, never applied by the CLI)",
  safe: "safe (applied by `--fix`)",
  "sometimes-safe": "safe when certain, otherwise unsafe or a suggestion",
  unsafe: "unsafe (applied only with `--fix --unsafe-fixes`)",
};

function fence(file: string): string {
  if (file.endsWith(".nix")) return "nix";
  if (file.endsWith(".md")) return "markdown";
  if (file.endsWith(".toml") || file.endsWith(".lock")) return "toml";
  if (file.endsWith(".yml") || file.endsWith(".yaml")) return "yaml";
  if (file.endsWith(".json")) return "json";
  return "sh";
}

/**
 * A rule's page, from its metadata: docs/rules/ID.md has it with the "generated" banner;
 * `evio-lint explain ID` and SARIF's help text without it (it means nothing to a reader there).
 */
export function renderRuleDoc(rule: AnyRule, { banner = true }: { banner?: boolean } = {}): string {
  const d = rule.docs;
  const lines = [
    ...(banner ? [`<!-- Generated from rules/${rule.id}.ts by \`npm run docs:gen\`; do not edit by hand. -->`] : []),
    `# ${rule.id}`,
    "",
    `${d.summary}.`,
    "",
    `- Default severity: ${rule.severity}`,
    `- Fix: ${FIX_LABEL[rule.fix]}`,
    `- Without a uv workspace: ${rule.needsWorkspace ? "off (it enforces the workspace contract)" : "runs, on Python-looking files"}; see docs/no-workspace.md`,
    "",
    "## Why",
    "",
    d.why,
    "",
    "## Examples",
    "",
  ];
  for (const ex of d.examples) {
    const lang = fence(ex.file);
    const goodLang = fence(ex.goodFile ?? ex.file);
    // The markers lead the lead-ins so that evio-lint itself reads the bad example as a counter-example.
    lines.push(`❌ Bad, in \`${ex.file}\`:`, "", `\`\`\`\`${lang}`, ex.bad, "````", "", ex.goodFile ? `✅ Good, in \`${ex.goodFile}\`:` : "✅ Good:", "", `\`\`\`\`${goodLang}`, ex.good, "````", "");
  }
  lines.push("## When is this fix safe", "", d.fixSafety, "");
  const options = Object.entries(d.options ?? {});
  lines.push("## Options", "");
  if (options.length === 0) lines.push("None.", "");
  for (const [name, text] of options) {
    const def = (rule.options as Record<string, unknown> | undefined)?.[name];
    lines.push(`- \`${name}\`${def !== undefined ? ` (default \`${JSON.stringify(def)}\`)` : ""}: ${text}`);
  }
  if (options.length > 0) lines.push("");
  lines.push("## Suppressing", "", `\`# evio-lint-disable-next-line ${rule.id} -- reason\` (\`<!-- ... -->\` in Markdown); see docs/suppressions.md.`, "");
  return lines.join("\n");
}

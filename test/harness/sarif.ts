import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { makeRepo, PACKAGE_ROOT } from "./repo.js";

export interface Validation {
  readonly status: number | null;
  readonly console: string;
  /** what the validator found, each with its effective level */
  readonly findings: { ruleId: string; level: string; text: string }[];
}

// What `npx sarif-multitool` runs, minus its `shell: true` wrapper, which would split "Sarif;Gh" at the ";".
const MULTITOOL = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;

/** The SARIF SDK's validator (JSON schema plus the SARIF and GitHub ingestion rules) on a log. */
export function validate(sarif: string): Validation {
  const dir = makeRepo({ "evio-lint.sarif": sarif }, { git: false });
  const out = path.join(dir, "validation.sarif");
  const r = spawnSync(MULTITOOL, ["validate", path.join(dir, "evio-lint.sarif"), "-o", out, "--rule-kind", "Sarif;Gh"], {
    cwd: PACKAGE_ROOT,
    encoding: "utf8",
  });
  const log = JSON.parse(fs.readFileSync(out, "utf8")) as {
    runs: { results?: { ruleId: string; ruleIndex?: number; level?: string; message: { id?: string; text?: string; arguments?: string[] } }[]; tool: { driver: { rules?: { defaultConfiguration?: { level?: string } }[] } } }[];
  };
  const run = log.runs[0]!;
  const findings = (run.results ?? []).map((x) => ({
    ruleId: x.ruleId,
    // SARIF: a result without a level takes its rule's default, and "warning" without one.
    level: x.level ?? run.tool.driver.rules?.[x.ruleIndex ?? -1]?.defaultConfiguration?.level ?? "warning",
    text: x.message.text ?? `${x.message.id}: ${(x.message.arguments ?? []).join(" | ")}`,
  }));
  return { status: r.status, console: `${r.stdout}${r.stderr}`, findings };
}

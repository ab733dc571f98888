import { hexDigest } from "../text/hash.js";
import { SourceFile } from "../text/source-file.js";
import type { RunResult } from "./result.js";

/**
 * One fingerprint per diagnostic, in order: sha256 of rule id, root-relative path, the offending
 * text with runs of whitespace made one space, and how many identical findings came before it in
 * the file. No line number goes in, so a finding keeps its fingerprint when lines are added above
 * it or its block is re-indented; two identical findings in one file stay apart by their index.
 * SARIF (`partialFingerprints["evioLint/v1"]`) and GitLab Code Quality print the same value.
 */
export function fingerprints(result: RunResult): string[] {
  const empty = new SourceFile("", "");
  const occurrences = new Map<string, number>();
  return result.diagnostics.map((d) => {
    const source = result.sources.get(d.file) ?? empty;
    const input = [d.rule, d.file, normalizeSpace(source.slice(d.range))].join("\u0000");
    const nth = occurrences.get(input) ?? 0;
    occurrences.set(input, nth + 1);
    return hexDigest("sha256", `${input}\u0000${nth}`);
  });
}

/** Indentation and line breaks do not make a finding new: a re-indented block keeps its fingerprint. */
function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

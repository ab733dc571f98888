import { spawnSync } from "node:child_process";
import { expect } from "vitest";
import type { Snippet } from "../../src/embed/snippet.js";
import type { Range } from "../../src/text/range.js";

export const lf = (...lines: string[]): string => lines.join("\n") + "\n";
export const crlf = (...lines: string[]): string => lines.join("\r\n") + "\r\n";

/** The snippet range of the first occurrence of `word` in the snippet text. */
export function wordRange(s: Snippet, word: string): Range {
  const start = s.text.indexOf(word);
  expect(start, `"${word}" in ${JSON.stringify(s.text)}`).toBeGreaterThanOrEqual(0);
  return { start, end: start + word.length };
}

/** Where a snippet word lands in the host, as line/column (UTF-16) and text. */
export function hostSpan(s: Snippet, word: string) {
  const r = s.map.toHostRange(wordRange(s, word));
  const a = s.host.positionAt(r.start);
  const b = s.host.positionAt(r.end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, text: s.host.slice(r) };
}

/** Snippet offsets in verbatim segments whose character is not the host character they map to. */
export function verbatimMismatches(s: Snippet): number[] {
  const bad: number[] = [];
  for (const seg of s.map.segments) {
    if (seg.kind !== "verbatim") continue;
    for (let i = seg.snippetStart; i < seg.snippetEnd; i++) {
      if (s.text[i] !== s.host.text[s.map.toHost(i)]) bad.push(i);
    }
  }
  return bad;
}

/** "ok", or bash's complaint about the script's syntax. */
export function bashSyntax(text: string): string {
  const run = spawnSync("bash", ["-n"], { input: text, encoding: "utf8" });
  return run.status === 0 ? "ok" : run.stderr;
}

export interface ExpectedSpan {
  readonly word: string;
  readonly line: number;
  readonly column: number;
  /** defaults: the same line, `column + word.length`, the word itself */
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly host?: string;
}

/** The snippet word lands at exactly this host line/column range and host text. */
export function expectSpan(s: Snippet, e: ExpectedSpan): void {
  expect(hostSpan(s, e.word)).toEqual({
    line: e.line,
    column: e.column,
    endLine: e.endLine ?? e.line,
    endColumn: e.endColumn ?? e.column + e.word.length,
    text: e.host ?? e.word,
  });
}

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parseConfig, Config } from "../../src/config/load.js";
import type { ConfigFile } from "../../src/config/schema.js";
import { classify } from "../../src/discover/files.js";
import { loadRules } from "../../rules/index.js";
import { createEnv, lintText, type LintEnv } from "../../src/engine/run.js";
import { fixText } from "../../src/fix/apply.js";
import { parseMarkdown, type MdBlock } from "../../src/parse/markdown.js";
import { verifyToml } from "../../src/parse/toml.js";
import { SourceFile } from "../../src/text/source-file.js";
import { makeRepo } from "./repo.js";

export interface CaseBase {
  /** what the case shows; defaults to the code */
  readonly name?: string;
  /** the file the code is linted as (default scripts/case.sh) */
  readonly file?: string;
  readonly code: string;
  /** other files of the repo (the workspace: pyproject.toml files, scripts that must exist) */
  readonly files?: Readonly<Record<string, string>>;
  readonly config?: ConfigFile;
}

export interface ExpectedError {
  readonly messageId?: string;
  /** with messageId: the template's data; the message must equal the template filled with it */
  readonly data?: Readonly<Record<string, string | number>>;
  readonly message?: string | RegExp;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** each suggestion's description and the text after applying it */
  readonly suggestions?: readonly { readonly description?: string | RegExp; readonly output: string }[];
  /** each related location as `file:line:col message` ([] for none) */
  readonly related?: readonly string[];
}

export interface InvalidCase extends CaseBase {
  readonly errors: readonly ExpectedError[];
  /** the text after `--fix`; null when no safe fix applies */
  readonly output: string | null;
  /** the text after `--fix --unsafe-fixes`, when it differs from `output` */
  readonly unsafeOutput?: string | null;
}

const rulesPromise = loadRules();
const roots = new Map<string, string>();
// makeRepo removes its own folders; the plain ones made here go too, so a test run leaves no temp folders behind.
const plain: string[] = [];
afterAll(() => {
  for (const dir of plain.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  roots.clear();
});

/** Only the rule under test (and parse-error) runs, as in ESLint's RuleTester: its fixes alone decide the output. */
async function envFor(c: CaseBase, ruleId: string): Promise<{ env: LintEnv; root: string }> {
  const key = JSON.stringify(c.files ?? {});
  let root = roots.get(key);
  if (!root) {
    if (c.files) root = makeRepo({ ...c.files });
    else plain.push((root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-case-")))));
    roots.set(key, root);
  }
  const rules = await rulesPromise;
  const others = Object.fromEntries(rules.filter((r) => r.id !== ruleId && r.id !== "parse-error").map((r) => [r.id, "off" as const]));
  const config = new Config(rules, c.config ? parseConfig("case-config.json", JSON.stringify(c.config), rules) : {}, others);
  return { env: createEnv({ rootAbs: root, config, rules }), root };
}

/**
 * Syntax ground truth for text a fix wrote, each kind by its own parser: bash -n,
 * nix-instantiate --parse, a strict TOML parser, `yaml`, JSON.parse, and for Markdown the same
 * block structure as the original.
 */
export function assertParses(file: string, text: string, original?: string): void {
  const kind = classify("/nonexistent", file);
  if (kind === "shell") {
    const r = spawnSync("bash", ["-n"], { input: text, encoding: "utf8" });
    expect(r.status, `bash -n: ${r.stderr}`).toBe(0);
  } else if (kind === "nix") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evio-lint-nix-"));
    try {
      fs.writeFileSync(path.join(dir, "x.nix"), text);
      execFileSync("nix-instantiate", ["--parse", path.join(dir, "x.nix")], { stdio: ["ignore", "ignore", "pipe"] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else if (kind === "pyproject" || kind === "toml") {
    expect(verifyToml(text)).toBeNull();
  } else if (kind === "yaml") {
    expect(parseDocument(text).errors.map((e) => e.message), "the fixed YAML parses").toEqual([]);
  } else if (kind === "package-json") {
    expect(() => JSON.parse(text), "the fixed package.json parses").not.toThrow();
  } else if (kind === "markdown" && original !== undefined) {
    // Markdown always parses; a fix must keep the document's blocks (no fence opened or closed).
    expect(outline(parseMarkdown(text).children), "the fixed Markdown keeps its blocks").toEqual(outline(parseMarkdown(original).children));
  }
}

/** Block types, nesting and code languages of a Markdown document. */
function outline(blocks: readonly MdBlock[]): unknown[] {
  return blocks.map((b) =>
    b.type === "list" ? { list: b.items.map(outline) } : b.type === "blockquote" ? { quote: outline(b.children) } : b.type === "code" ? `code:${b.fenced ? (b.lang ?? "") : "indented"}` : b.type,
  );
}

/**
 * ESLint's strictness: what an expected error leaves unasserted. It must say what the user reads
 * (`message`, or `messageId` with `data` when the template has placeholders), and list the
 * suggestions when the rule gives any.
 */
export function weakAssertions(x: ExpectedError, suggestionsGiven: number, template: string | undefined): string[] {
  const out: string[] = [];
  const placeholders = template !== undefined && /\{\{\s*\w+\s*\}\}/.test(template);
  if (x.message === undefined && (x.messageId === undefined || (placeholders && x.data === undefined))) out.push("asserts no message: give `message`, or `messageId` (+ `data`)");
  if (suggestionsGiven > 0 && x.suggestions === undefined) out.push(`leaves its ${suggestionsGiven} suggestion(s) unasserted`);
  return out;
}

/**
 * ESLint's RuleTester, for evio-lint: each valid case reports nothing of this rule; each invalid
 * case reports exactly the listed errors (rule, message, line, column, end), its safe fixes give
 * `output` (which re-parses, and which a second --fix leaves alone), and each suggestion gives
 * its output.
 */
export function ruleTester(ruleId: string, cases: { valid: readonly CaseBase[]; invalid: readonly InvalidCase[] }): void {
  const file = (c: CaseBase) => c.file ?? "scripts/case.sh";
  const title = (c: CaseBase) => `${file(c)}: ${c.name ?? c.code.replace(/\n/g, "⏎").slice(0, 90)}`;

  describe(`${ruleId}: valid`, () => {
    it.each(cases.valid.map((c) => [title(c), c] as const))("%s", async (_t, c) => {
      const { env, root } = await envFor(c, ruleId);
      const report = await lintText(file(c), classify(root, file(c)), c.code, env);
      expect(report.diagnostics.filter((d) => d.rule === ruleId).map((d) => d.message)).toEqual([]);
    });
  });

  describe(`${ruleId}: invalid`, () => {
    it.each(cases.invalid.map((c) => [title(c), c] as const))("%s", async (_t, c) => {
      expect(c.errors.length, "an invalid case lists its errors").toBeGreaterThan(0);
      const { env, root } = await envFor(c, ruleId);
      const kind = classify(root, file(c));
      const report = await lintText(file(c), kind, c.code, env);
      const source = new SourceFile(file(c), c.code);
      const mine = report.diagnostics.filter((d) => d.rule === ruleId);
      const seen = mine.map((d) => {
        const s = source.positionAt(d.range.start);
        const e = source.positionAt(d.range.end);
        return { d, s, e };
      });
      expect(seen.map(({ s }) => `${s.line}:${s.column}`), "positions").toEqual(c.errors.map((x) => `${x.line}:${x.column}`));
      const rule = (await rulesPromise).find((r) => r.id === ruleId)!;
      c.errors.forEach((x, i) => {
        const { d, e } = seen[i]!;
        const template = x.messageId === undefined ? undefined : (rule.messages as Record<string, string>)[x.messageId];
        expect(weakAssertions(x, d.suggestions.length, template), `error ${i + 1}`).toEqual([]);
        if (x.messageId) expect(d.messageId).toBe(x.messageId);
        if (x.data !== undefined) {
          expect(template, `message id ${x.messageId ?? "(none)"} with data`).toBeDefined();
          expect(d.message).toBe(template!.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => (name in x.data! ? String(x.data![name]) : `{{${name}}}`)));
        }
        if (typeof x.message === "string") expect(d.message).toBe(x.message);
        if (x.message instanceof RegExp) expect(d.message).toMatch(x.message);
        if (x.endLine !== undefined) expect(e.line).toBe(x.endLine);
        if (x.endColumn !== undefined) expect(e.column).toBe(x.endColumn);
        if (x.related) expect((d.related ?? []).map((r) => `${r.file}:${r.range.start.line}:${r.range.start.column} ${r.message}`)).toEqual(x.related);
        if (x.suggestions) {
          expect(d.suggestions.length).toBe(x.suggestions.length);
          x.suggestions.forEach((sx, j) => {
            const sug = d.suggestions[j]!;
            if (typeof sx.description === "string") expect(sug.description).toBe(sx.description);
            if (sx.description instanceof RegExp) expect(sug.description).toMatch(sx.description);
            let out = c.code;
            for (const edit of [...sug.edits].sort((a, b) => b.range.start - a.range.start)) {
              out = out.slice(0, edit.range.start) + edit.text + out.slice(edit.range.end);
            }
            expect(out).toBe(sx.output);
          });
        }
      });

      for (const [unsafe, expected] of [[false, c.output], [true, c.unsafeOutput === undefined ? c.output : c.unsafeOutput]] as const) {
        const outcome = await fixText(file(c), kind, c.code, env, { unsafe });
        if (expected === null) {
          expect(outcome.text, `no ${unsafe ? "unsafe " : ""}fix expected`).toBe(c.code);
          continue;
        }
        expect(expected, "an output equal to the code is no fix: use null").not.toBe(c.code);
        expect(outcome.text).toBe(expected);
        expect(outcome.dropped).toEqual([]);
        assertParses(file(c), outcome.text, c.code);
        const again = await fixText(file(c), kind, outcome.text, env, { unsafe });
        expect(again.text, "a second --fix changes nothing").toBe(outcome.text);
      }
    });
  });
}

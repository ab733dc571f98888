import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { asciiOnly } from "../../tools/bundle.js";
import { binary, makeRepo, PACKAGE_ROOT } from "../harness/repo.js";

// tools/bundle.ts writes the bundle in ASCII, so that V8 holds its source one byte a character:
// the escapes it writes must mean what the characters meant.

/** A regular expression literal, as the bundle would hold it after asciiOnly. */
const escaped = (literal: string): RegExp => new Function(`return ${asciiOnly(literal)};`)() as RegExp;

describe("the bundle's text", () => {
  it("holds only ASCII, front.cjs too", () => {
    for (const file of ["evio-lint.cjs", "front.cjs"]) {
      const text = fs.readFileSync(path.join(PACKAGE_ROOT, "dist/bundle", file), "utf8");
      expect(text.match(/[^\0-\x7f]/g) ?? []).toEqual([]);
    }
  });

  it("escapes a regular expression's characters to the same characters, with and without the u flag", () => {
    const cases: [string, string[], string[]][] = [
      ["/don['’]t/i", ["don’t", "DON'T"], ["dont"]],
      ["/^(?:✅|✔|→)+/u", ["✅→", "✔"], ["x✅"]],
      ["/[’✅]/", ["’", "✅"], ["'"]],
      ["/^\\’s$/", ["’s"], ["\\’s", "u2019s"]],
      ["/^😀$/u", ["😀"], ["\ud83d"]],
      ["/^[😀]$/u", ["😀"], ["\ud83d"]],
      ["/[\\p{L}’-]+/u", ["é’-"], []],
    ];
    for (const [literal, yes, no] of cases) {
      const re = escaped(literal);
      expect(asciiOnly(literal)).toMatch(/^[\0-\x7f]*$/);
      for (const text of yes) expect(re.test(text), `${literal} on ${text}`).toBe(true);
      for (const text of no) expect(re.test(text), `${literal} on ${text}`).toBe(false);
    }
  });

  it("leaves ASCII alone", () => {
    const code = 'const a = "x\\u2019"; /a\\\\b/.test(s); // é';
    expect(asciiOnly(code)).toBe('const a = "x\\u2019"; /a\\\\b/.test(s); // \\u00e9');
  });

  it("the built CLI still reads a curly apostrophe in prose as the plain one: \"Don’t run `pip install`\" is a counter-example", () => {
    const dir = makeRepo({ "README.md": "# x\n\nDon’t run `pip install requests` here.\n\nRun `pip install flask` here.\n" });
    const r = binary(dir, ["--format", "json"]);
    const found = (JSON.parse(r.stdout) as { diagnostics: { rule: string; range: { start: { line: number } } }[] }).diagnostics;
    expect(found.map((d) => [d.rule, d.range.start.line])).toEqual([["no-pip", 5]]);
  });
});

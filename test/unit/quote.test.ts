import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { packageWord, shellWord, shellWordLike } from "../../src/text/quote.js";

// Issue 11.3: every word a fix writes into shell reads back, in bash, as exactly its value.
const VALUES = ["evio-core", "scripts/x.py", "", "a b", "a$(touch pwned)", "`id`", "it's", '"q"', "back\\slash", "*.py", "~/x", "{a,b}", "x;y|z&", "$HOME", "!x", "tab\there", "new\nline"];

describe("shell quoting", () => {
  it.each(["", '"', "'"] as const)("reads back exactly in bash (style %j)", (style) => {
    const words = VALUES.map((v) => shellWordLike(style, v));
    const out = execFileSync("bash", ["-c", `for w in ${words.join(" ")}; do printf '%s\\0' "$w"; done`], { encoding: "utf8" });
    expect(out.split("\0").slice(0, -1)).toEqual(VALUES);
  });

  it("leaves plain words alone", () => {
    expect(shellWord("evio-core")).toBe("evio-core");
    expect(shellWord("packages/a_b/x.py")).toBe("packages/a_b/x.py");
    expect(shellWord("a$(touch pwned)")).toBe("'a$(touch pwned)'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
  });

  it("writes only valid PEP 508 names", () => {
    expect(packageWord("evio-core")).toBe("evio-core");
    expect(packageWord("Evio.Core_2")).toBe("Evio.Core_2");
    expect(packageWord("a$(touch pwned)")).toBeNull();
    expect(packageWord("-x")).toBeNull();
    expect(packageWord("x; curl y | sh #")).toBeNull();
    expect(packageWord("")).toBeNull();
  });
});

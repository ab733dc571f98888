import { describe, expect, it } from "vitest";
import { weakAssertions } from "../harness/rule-tester.js";

// The rule tester's own strictness (issue 14 item 3): a weak invalid case is refused, not passed.
describe("the rule tester refuses weak invalid cases", () => {
  const template = "`{{pip}} install` bypasses uv.lock and the workspace; use `{{instead}}`.";

  it("a case with a position only asserts no message", () => {
    expect(weakAssertions({ line: 1, column: 1 }, 0, undefined)).toEqual(["asserts no message: give `message`, or `messageId` (+ `data`)"]);
  });

  it("a messageId alone is not enough when its template has placeholders; with data it is", () => {
    expect(weakAssertions({ line: 1, column: 1, messageId: "install" }, 0, template)).toHaveLength(1);
    expect(weakAssertions({ line: 1, column: 1, messageId: "install", data: { pip: "pip", instead: "uv sync" } }, 0, template)).toEqual([]);
    expect(weakAssertions({ line: 1, column: 1, messageId: "upgradePip" }, 0, "Upgrading pip is not needed: uv does not use it; run `uv sync`.")).toEqual([]);
  });

  it("suggestions the rule gives must be listed", () => {
    expect(weakAssertions({ line: 1, column: 1, message: "m" }, 2, undefined)).toEqual(["leaves its 2 suggestion(s) unasserted"]);
    expect(weakAssertions({ line: 1, column: 1, message: "m", suggestions: [] }, 0, undefined)).toEqual([]);
  });
});

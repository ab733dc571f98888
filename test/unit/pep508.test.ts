import { describe, expect, it } from "vitest";
import { normalizeName } from "../../src/facts/python/pep503.js";
import { parseRequirement, type Requirement } from "../../src/facts/python/pep508.js";

describe("normalizeName (PEP 503)", () => {
  it.each([
    ["evio_core", "evio-core"],
    ["Evio.Core", "evio-core"],
    ["evio-core", "evio-core"],
    ["EVIO__-.core", "evio-core"],
    ["numpy", "numpy"],
    ["Flask_SQLAlchemy", "flask-sqlalchemy"],
  ])("%s -> %s", (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });
});

describe("parseRequirement (PEP 508)", () => {
  it.each<[string, Partial<Requirement>]>([
    ["evlib>=0.8.0", { name: "evlib", normalizedName: "evlib", extras: [], specifier: ">=0.8.0", marker: "" }],
    ["evio-core", { name: "evio-core", specifier: "", marker: "", nameRange: { start: 0, end: 9 } }],
    [
      'requests[socks,security]>=2.0; python_version < "3.12"',
      { name: "requests", extras: ["socks", "security"], specifier: ">=2.0", marker: 'python_version < "3.12"' },
    ],
    ["pkg @ https://x/y.whl", { name: "pkg", url: "https://x/y.whl", specifier: "", marker: "" }],
    [
      "pkg[cli] @ git+https://github.com/o/r@v1 ; sys_platform == 'linux'",
      { name: "pkg", extras: ["cli"], url: "git+https://github.com/o/r@v1", marker: "sys_platform == 'linux'" },
    ],
    ["  Evio_Core  >= 0.1 , < 1", { name: "Evio_Core", normalizedName: "evio-core", specifier: ">= 0.1 , < 1", nameRange: { start: 2, end: 11 } }],
    ["numpy (>=1.24,<2)", { name: "numpy", specifier: ">=1.24,<2" }],
    ["foo==1.0.*", { specifier: "==1.0.*" }],
    ["foo[]", { extras: [] }],
    [
      "foo; (python_version >= '3.11' and os_name == \"posix\") or extra == 'test'",
      { marker: "(python_version >= '3.11' and os_name == \"posix\") or extra == 'test'" },
    ],
    ["foo; 'linux' not in sys_platform", { marker: "'linux' not in sys_platform" }],
  ])("parses %s", (text, expected) => {
    expect(parseRequirement(text)).toMatchObject(expected);
  });

  it.each([
    [""],
    ["   "],
    [">=1.0"],
    ["-foo"],
    ["foo bar"],
    ["foo>="],
    ["foo 1.0"],
    ["foo~=1"],
    ["foo[bar"],
    ["foo[bar baz]"],
    ["foo;"],
    ["foo; python_version <"],
    ["foo; bogus_variable == '1'"],
    ["foo; python_version < '3' and"],
    ["foo @ "],
    ["foo @ not-a-url"],
    ["foo @ https://x/y.whl trailing"],
    ["foo (>=1.0"],
  ])("rejects %j", (text) => {
    expect(parseRequirement(text)).toBeNull();
  });

  it("locates the name within the string", () => {
    const text = "  Evio.Core[extra]>=1";
    const { nameRange } = parseRequirement(text)!;
    expect(text.slice(nameRange.start, nameRange.end)).toBe("Evio.Core");
  });
});

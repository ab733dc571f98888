import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules as allRules } from "../../rules/all.js";
import { loadRules, ruleLoaders } from "../../rules/index.js";
import { loadConfig } from "../../src/config/load.js";
import { classify } from "../../src/discover/files.js";
import { createEnv, lintText } from "../../src/engine/run.js";
import { generatedFiles } from "../../tools/gen-docs.js";
import { makeRepo, PACKAGE_ROOT } from "../harness/repo.js";

const rules = await loadRules();

describe("the rule registry", () => {
  it("lists exactly the files in rules/, sorted, each id equal to its file name", async () => {
    const files = fs.readdirSync(path.join(PACKAGE_ROOT, "rules")).filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "all.ts").map((f) => f.replace(/\.ts$/, ""));
    expect(Object.keys(ruleLoaders)).toEqual([...files].sort());
    expect(Object.keys(allRules).sort()).toEqual([...files].sort());
    for (const [id, load] of Object.entries(ruleLoaders)) expect((await load()).default.id).toBe(id);
  });

  it.each(rules.map((r) => [r.id, r] as const))("%s carries its documentation", (_id, rule) => {
    expect(rule.docs.summary).toMatch(/^[A-Z].*[^.]$/);
    expect(rule.docs.why.length).toBeGreaterThan(40);
    expect(rule.docs.fixSafety.length).toBeGreaterThan(10);
    expect(rule.docs.examples.length).toBeGreaterThan(0);
    for (const option of Object.keys(rule.options ?? {})) expect(rule.docs.options?.[option], `option ${option} documented`).toBeTruthy();
  });
});

describe("generated files match the rule metadata (npm run docs:gen)", () => {
  it.each([...generatedFiles(rules)].map(([rel, text]) => [rel, text] as const))("%s", (rel, text) => {
    expect(fs.readFileSync(path.join(PACKAGE_ROOT, rel), "utf8")).toBe(text);
  });
});

describe("documentation examples behave as labelled", () => {
  const root = makeRepo({}, { git: false });
  const env = createEnv({ rootAbs: root, config: loadConfig(root, rules), rules });
  const cases = rules.flatMap((r) => r.docs.examples.map((ex, i) => [`${r.id} #${i + 1} (${ex.file})`, r.id, ex] as const));
  it.each(cases)("%s", async (_name, id, ex) => {
    const kind = classify(root, ex.file);
    const bad = await lintText(ex.file, kind, ex.bad, env);
    expect(bad.diagnostics.length, "bad example reports something").toBeGreaterThan(0);
    expect(bad.diagnostics.map((d) => d.rule).filter((r) => r !== id), "bad example reports only this rule").toEqual([]);
    const goodFile = ex.goodFile ?? ex.file;
    const good = await lintText(goodFile, classify(root, goodFile), ex.good, env);
    expect(good.diagnostics.map((d) => `${d.rule}: ${d.message}`), "good example reports nothing").toEqual([]);
  });
});

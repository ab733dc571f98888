import { defineRule } from "../src/engine/define-rule.js";
import { invalidSources, unknownUvKeys, UV_SETTINGS_VERSION } from "../src/facts/python/uv-settings.js";

const messages = {
  unknown: "`{{table}}` has no setting `{{key}}` (uv {{version}} settings reference); uv ignores or rejects it. Remove it or correct the name.",
  typo: "`{{table}}` has no setting `{{key}}`; did you mean `{{suggestion}}`?",
  misplaced: "`{{key}}` is not a `{{table}}` setting, so uv ignores it (with a warning); set it in {{belongs}} instead.",
  sourceWithoutKind: "The source for `{{name}}` has none of `git`, `url`, `path`, `index`, `workspace`; uv cannot read it. Say where `{{name}}` comes from.",
  mixedSource: "The `{{kind}}` source for `{{name}}` also has {{keys}}, which {{belong}} to another kind of source; uv cannot read it. Remove {{them}}.",
} as const;

export default defineRule({
  id: "uv-config-valid",
  severity: "error",
  fix: "none",
  needsWorkspace: false,
  messages,
  docs: {
    summary: "Report keys uv does not know in `[tool.uv]`, `[tool.uv.workspace]`, `[tool.uv.sources]` and `[[tool.uv.index]]`",
    why: `uv reads \`[tool.uv]\` strictly but forgivingly: an unknown key there is skipped with a warning nobody reads, so a misspelled or misplaced setting (\`[tool.uv] requires-python\`, which belongs in \`[project]\`) silently does nothing; an unknown key in a source entry makes the whole pyproject.toml unreadable. The known keys are those of uv's settings reference (uv ${UV_SETTINGS_VERSION}, kept in src/facts/python/uv-settings.ts); a key one or two edits from a known one gets a "did you mean".`,
    examples: [
      {
        file: "workspace/libs/evio-core/pyproject.toml",
        bad: "[project]\nname = \"evio-core\"\nversion = \"0.1.0\"\n\n[tool.uv]\nrequires-python = \">=3.11\"\n",
        good: "[project]\nname = \"evio-core\"\nversion = \"0.1.0\"\nrequires-python = \">=3.11\"\n",
      },
    ],
    fixSafety: "None: moving or renaming a setting changes what uv does, so a person decides.",
  },
  on: {
    pyproject(fact, ctx) {
      if (fact.inDocs) return;
      const version = UV_SETTINGS_VERSION;
      for (const { table, key, range, suggestion, belongs } of unknownUvKeys(fact.toml)) {
        if (belongs) ctx.report(range, "misplaced", { key, table, belongs });
        else if (suggestion) ctx.report(range, "typo", { key, table, suggestion });
        else ctx.report(range, "unknown", { key, table, version });
      }
      for (const { name, range, kind, mixed } of invalidSources(fact.toml)) {
        if (kind === undefined) ctx.report(range, "sourceWithoutKind", { name });
        else ctx.report(range, "mixedSource", { name, kind, keys: mixed.map((k) => `\`${k}\``).join(", "), belong: mixed.length > 1 ? "belong" : "belongs", them: mixed.length > 1 ? "them" : "it" });
      }
    },
  },
});

import { defineRule, type RelatedInput } from "../src/engine/define-rule.js";
import type { TomlDocument, TomlPath } from "../src/parse/toml.js";
import { allowsSeries, rangesIntersect } from "../src/facts/python/requires-python.js";
import type { Member, WorkspaceModel } from "../src/facts/python/workspace.js";

const messages = {
  requiresPython: "`{{text}}` gives Python {{version}}, which {{conflicts}} does not allow; use an interpreter inside that range or change requires-python.",
  pythonVersionFile: "`{{text}}` gives Python {{version}}, but {{file}} pins {{pinned}}; uv would fetch and use another interpreter than the dev shell's: make them agree.",
  toolTarget: "`{{text}}` gives Python {{version}}, but {{setting}} in {{file}} targets {{target}}, newer than the shell's interpreter; lower it or use a newer interpreter.",
  twoInterpreters: "Dev shell `{{name}}` gives Python {{version}} (`{{text}}`) and also {{first}} (`{{firstText}}`); whichever comes first on PATH wins: keep one interpreter.",
  disjoint: "requires-python `{{spec}}` of `{{name}}` shares no Python version with {{others}}; uv resolves one Python for the whole workspace: make the ranges overlap.",
} as const;

const MAX_RELATED = 8;

const series = (v: string | undefined): string | undefined => (v ? /(\d+)\.(\d+)/.exec(v)?.slice(1, 3).join(".") : undefined);
const newer = (a: string, b: string): boolean => {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am! > bm! || (am === bm && an! > bn!);
};

/** `[tool.ruff] target-version = "py312"` and `[tool.mypy] python_version = "3.12"`, as series. */
function toolTargets(doc: TomlDocument): { setting: string; target: string; at: TomlPath }[] {
  const tool = doc.value["tool"] as Record<string, Record<string, unknown> | undefined> | undefined;
  const out: { setting: string; target: string; at: TomlPath }[] = [];
  const ruff = tool?.["ruff"]?.["target-version"];
  if (typeof ruff === "string" && /^py\d{2,3}$/.test(ruff)) out.push({ setting: "`[tool.ruff] target-version`", target: `${ruff[2]}.${ruff.slice(3)}`, at: ["tool", "ruff", "target-version"] });
  const mypy = series(typeof tool?.["mypy"]?.["python_version"] === "string" ? (tool["mypy"]["python_version"] as string) : undefined);
  if (mypy) out.push({ setting: "`[tool.mypy] python_version`", target: mypy, at: ["tool", "mypy", "python_version"] });
  return out;
}

/** Each member's `requires-python` line, as the place that disagrees (the first few: a pointer, not a list of thousands). */
function requiresAt(members: readonly Member[]): RelatedInput[] {
  return members.slice(0, MAX_RELATED).flatMap((m) =>
    m.requiresPythonRange ? [{ message: `\`${m.name}\` has requires-python \`${m.requiresPython}\``, range: m.requiresPythonRange, in: { path: m.pyprojectPath, text: m.text } }] : [],
  );
}

export default defineRule({
  id: "python-version-consistent",
  severity: "error",
  fix: "none",
  needsWorkspace: false,
  messages,
  docs: {
    summary: "Require one Python version across the flake, requires-python, .python-version and tool targets",
    why: "The dev shell's interpreter is the one `uv run` uses. When a member's `requires-python` excludes it, `uv sync` fails or fetches another Python behind Nix's back; when two members' ranges share no version, the workspace cannot be locked at all. Two interpreters of different versions in one shell make the version depend on PATH order, and a `.python-version` or a ruff/mypy target newer than the shell's Python checks or runs code for a Python the shell does not have.",
    examples: [
      {
        file: "flake.nix",
        bad: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python311 pkgs.python312 pkgs.uv ];\n}\n",
        good: "{ pkgs }: pkgs.mkShell {\n  packages = [ pkgs.python311 pkgs.uv ];\n}\n",
      },
    ],
    fixSafety: "None: whether to change the interpreter or the declared range is a person's decision. `python3` has no known minor version and is never reported; a ruff `target-version` or mypy `python_version` older than the interpreter is the usual lowest-supported-version setting and is not reported either.",
  },
  on: {
    nix(facts, ctx) {
      const ws = ctx.workspace;
      const docs = [...ws.members.map((m) => ({ path: m.pyprojectPath, doc: m.toml, text: m.text })), ...(ws.rootPyproject && !ws.memberAtDir(".") ? [{ path: "pyproject.toml", doc: ws.rootPyproject.toml, text: ws.rootPyproject.text }] : [])];
      for (const devShell of facts.devShells) {
        const versioned = devShell.packages.filter((p) => p.via === "list" && p.meaning.kind === "interpreter" && p.meaning.version !== null);
        const first = versioned[0];
        for (const p of versioned.slice(1)) {
          const version = p.meaning.kind === "interpreter" ? p.meaning.version : null;
          const firstVersion = first?.meaning.kind === "interpreter" ? first.meaning.version : null;
          if (!p.at.here || !version || !firstVersion || version === firstVersion) continue;
          const related = first!.at.here ? [{ message: `the first interpreter, Python ${firstVersion}`, range: first!.at.range }] : [];
          ctx.report(p.at.range, "twoInterpreters", { name: devShell.name, version, text: p.text, first: firstVersion, firstText: first!.text }, { related });
        }
      }
      for (const ref of facts.interpreters) {
        const version = ref.version;
        if (!ref.at.here || !version) continue;
        const conflicts = inModelOrder(ws, [...indexOf(ws).bySpec].flatMap(([spec, members]) => (allowsSeries(spec, version) === false ? members : [])));
        if (conflicts.length > 0) {
          const list = conflicts.map((m) => `${m.pyprojectPath} (requires-python \`${m.requiresPython}\`)`).join(", ");
          ctx.report(ref.at.range, "requiresPython", { text: ref.text, version, conflicts: list }, { related: requiresAt(conflicts) });
        }
        const pin = facts.pythonVersionFile;
        if (pin && series(pin.version) && series(pin.version) !== version) {
          const related = [{ message: `${pin.path} pins Python ${pin.version}`, range: pin.range, in: { path: pin.path, text: pin.text } }];
          ctx.report(ref.at.range, "pythonVersionFile", { text: ref.text, version, file: pin.path, pinned: pin.version }, { related });
        }
        for (const { path, doc, text } of docs) {
          for (const { setting, target, at } of toolTargets(doc)) {
            if (!newer(target, version)) continue;
            const range = doc.valueRange(at);
            const related = range ? [{ message: `${setting} targets Python ${target}`, range, in: { path, text } }] : [];
            ctx.report(ref.at.range, "toolTarget", { text: ref.text, version, setting, file: path, target }, { related });
          }
        }
      }
    },
    file(file, ctx) {
      if (file.kind !== "pyproject" || !file.source) return;
      const index = indexOf(ctx.workspace);
      const me = index.byPyproject.get(file.path);
      // The model reads the disk; a text being fixed in memory has other offsets.
      if (!me?.requiresPython || me.text !== file.source.text) return;
      const spec = me.requiresPython;
      const others = inModelOrder(ctx.workspace, [...index.bySpec].flatMap(([other, members]) => (rangesIntersect(spec, other) === false ? members.filter((m) => m !== me) : [])));
      // Asked last: a member's ranges are read (a second TOML parse) only for a finding.
      if (others.length === 0 || !me.requiresPythonRange) return;
      const list = others.map((m) => `\`${m.name}\` (${m.pyprojectPath}: \`${m.requiresPython}\`)`).join(", ");
      ctx.report(me.requiresPythonRange, "disjoint", { spec: me.requiresPython, name: me.name, others: list }, { related: requiresAt(others) });
    },
  },
});

/**
 * Built once per run: members by pyproject path, and grouped by their requires-python text, so a
 * pyproject compares its range with each distinct range (a workspace repeats a few), not with
 * every member (quadratic: minutes at 10,000 members). Groups keep the members' order.
 */
interface Index {
  byPyproject: Map<string, Member>;
  bySpec: Map<string, Member[]>;
  position: Map<Member, number>;
}
const indexes = new WeakMap<WorkspaceModel, Index>();
function indexOf(ws: WorkspaceModel): Index {
  let index = indexes.get(ws);
  if (!index) {
    const byPyproject = new Map<string, Member>();
    const bySpec = new Map<string, Member[]>();
    const position = new Map<Member, number>();
    for (const [i, m] of ws.members.entries()) {
      position.set(m, i);
      if (!byPyproject.has(m.pyprojectPath)) byPyproject.set(m.pyprojectPath, m);
      if (!m.requiresPython) continue;
      const group = bySpec.get(m.requiresPython);
      if (group) group.push(m);
      else bySpec.set(m.requiresPython, [m]);
    }
    index = { byPyproject, bySpec, position };
    indexes.set(ws, index);
  }
  return index;
}

/** Messages list members as the workspace declares them. */
function inModelOrder(ws: WorkspaceModel, members: Member[]): Member[] {
  const position = indexOf(ws).position;
  return members.sort((a, b) => position.get(a)! - position.get(b)!);
}

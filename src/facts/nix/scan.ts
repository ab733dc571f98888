import type { Node } from "web-tree-sitter";
import { PYTHON_BUILDS } from "./catalogue.js";
import { INTERPRETER, DEV_SHELL_BUILDERS, topEnv, type Env, type Forced, type KnownCall, type NixpkgsEvaluator as Evaluator } from "./nixpkgs.js";
import { attrName, callHead, headNames } from "./syntax.js";
import type { NixUnit } from "./values.js";

type Called = KnownCall;

/** A dev shell as the walk finds it, before its lists are read. */
export interface FoundDevShell {
  readonly name: string;
  readonly value: Called;
  /** found by evaluating a `devShells` binding, so its arguments are known */
  readonly forced: boolean;
}

/** Everything the walk over one unit finds, as nodes. */
export interface UnitScan {
  readonly unit: NixUnit;
  readonly devShells: FoundDevShell[];
  readonly envs: Called[];
  readonly builds: { name: string; node: Node }[];
  readonly interpreters: { start: number; end: number; attr: string }[];
}

/**
 * Walks one unit with its scopes, finding dev shells (mkShell calls, `devShells.*` bindings, a
 * shell.nix's top-level mkDerivation), withPackages calls, Python package builds and interpreter
 * references.
 */
export function scanUnit(ev: Evaluator, unit: NixUnit): UnitScan {
  const scan: UnitScan = { unit, devShells: [], envs: [], builds: [], interpreters: [] };
  const seenCalls = new Set<number>();
  // `f a b` nests as `(f a) b`: only the outermost application is the call. The walk meets it
  // first and marks its function; asking for a node's parent would cost its depth each time.
  const appliedFurther = new Set<number>();
  const seenInterp = new Set<number>();
  const interp = (start: number, end: number, attr: string) => {
    if (seenInterp.has(start)) return;
    seenInterp.add(start);
    scan.interpreters.push({ start, end, attr });
  };

  type Ctx = { name: string; devShells: boolean; inputs: boolean };
  // An explicit stack, not recursion: `f a a a ...` nests one node per argument, and 10,000
  // arguments would run the call stack out. Children are visited in order, as recursion would.
  const pending: [Node, Env, Ctx][] = [];
  let children: [Node, Env, Ctx][] = [];
  const visit = (node: Node, env: Env, ctx: Ctx): void => void children.push([node, env, ctx]);
  const step = (node: Node, env: Env, ctx: Ctx): void => {
    switch (node.type) {
      case "let_expression":
      case "rec_attrset_expression": {
        const scope = ev.recursiveEnv(node, env, unit);
        for (const c of node.namedChildren) if (c) visit(c, scope, ctx);
        return;
      }
      case "with_expression": {
        const scope = ev.withEnv(node, env, unit);
        const environment = node.childForFieldName("environment");
        if (environment) visit(environment, env, ctx);
        const body = node.childForFieldName("body");
        if (body) visit(body, scope, ctx);
        return;
      }
      case "function_expression": {
        const scope = ev.lambdaEnv(node, env, unit);
        for (const c of node.namedChildren) if (c) visit(c, scope, ctx);
        return;
      }
      case "binding": {
        const attrs = node.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
        const names = attrs.map(attrName);
        const expr = node.childForFieldName("expression");
        const devShells = ctx.devShells || names.includes("devShells");
        const inputs = ctx.inputs || names[0] === "inputs";
        const name = [...names].reverse().find((n): n is string => n !== null) ?? ctx.name;
        const input = inputs ? attrs.find((a) => attrName(a) === "poetry2nix") : undefined;
        if (input && !scan.builds.some((b) => b.name === "poetry2nix")) scan.builds.push({ name: "poetry2nix", node: input });
        if (devShells && expr && names[names.length - 1] !== "devShells") {
          const v = ev.force(ev.thunk(expr, env, unit));
          if (v.kind === "call" && v.what === "dev-shell") scan.devShells.push({ name, value: v, forced: true });
        }
        if (expr) visit(expr, env, { name, devShells, inputs });
        return;
      }
      case "inherit_from": {
        const from = node.childForFieldName("expression");
        const base = from ? ev.force(ev.thunk(from, env, unit)) : undefined;
        for (const a of node.childForFieldName("attrs")?.childrenForFieldName("attr") ?? []) {
          if (base?.kind === "pkgs" && base.path.length === 0 && INTERPRETER.test(a.text)) interp(a.startIndex, a.endIndex, a.text);
        }
        if (from) visit(from, env, ctx);
        return;
      }
      case "variable_expression": {
        const name = node.text;
        if (INTERPRETER.test(name) && !ev.isLexical(name, env)) {
          const v = ev.force(ev.lookup(name, env));
          if (v.kind === "pkgs" && v.path.length === 1 && v.path[0] === name) interp(node.startIndex, node.endIndex, name);
        }
        return;
      }
      case "select_expression": {
        const attrs = node.childForFieldName("attrpath")?.childrenForFieldName("attr") ?? [];
        attrs.forEach((a, i) => {
          const name = attrName(a);
          if (!name || !INTERPRETER.test(name)) return;
          const v = ev.selectPrefix(node, env, unit, i + 1);
          if (v.kind === "pkgs" && v.path.length === 1 && v.path[0] === name) interp(node.startIndex, a.endIndex, name);
        });
        break;
      }
      case "apply_expression": {
        const fn = node.childForFieldName("function");
        if (fn) appliedFurther.add(fn.id);
        const head = callHead(node);
        const names = head ? headNames(head) : [];
        const last = names[names.length - 1] ?? "";
        if (head && PYTHON_BUILDS.has(last) && !appliedFurther.has(node.id)) {
          scan.builds.push({ name: last, node: head });
        }
        const devShellHead =
          DEV_SHELL_BUILDERS.has(last) ||
          (last === "override" && DEV_SHELL_BUILDERS.has(names[names.length - 2] ?? "")) ||
          (head?.type === "variable_expression" && isDevShellBuilder(ev.force(ev.lookup(last, env))));
        if ((devShellHead || last === "withPackages") && !seenCalls.has(node.startIndex) && !appliedFurther.has(node.id)) {
          const v = ev.force(ev.thunk(node, env, unit));
          if (v.kind === "call" && (v.what === "dev-shell" || v.what === "python-env")) {
            seenCalls.add(node.startIndex);
            if (v.what === "dev-shell") scan.devShells.push({ name: ctx.name, value: v, forced: false });
            else scan.envs.push(v);
          }
        }
        break;
      }
    }
    for (const c of node.namedChildren) if (c) visit(c, env, ctx);
  };

  const root = unit.root;
  const unnamed = unit.file.slice(unit.file.lastIndexOf("/") + 1);
  for (const c of root.namedChildren) if (c) visit(c, topEnv(), { name: unnamed, devShells: false, inputs: false });
  const queueChildren = (): void => {
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
    children = [];
  };
  queueChildren();
  while (pending.length > 0) {
    step(...pending.pop()!);
    queueChildren();
  }

  // A plain shell.nix: its value is the shell, whatever builds it.
  if (/(^|\/)shell\.nix$/.test(unit.file)) {
    let v = ev.force(ev.unitValue(unit));
    if (v.kind === "lambda") v = ev.apply(v, { kind: "attrs", entries: [] });
    if (v.kind === "call" && (v.what === "dev-shell" || v.what === "dev-shell-derivation")) scan.devShells.push({ name: "shell.nix", value: v, forced: true });
  }
  return scan;
}

/** A dev-shell builder under another name (`mkShellClang = pkgs.mkShell.override { ... };`). */
function isDevShellBuilder(v: Forced): boolean {
  return v.kind === "pkgs" && DEV_SHELL_BUILDERS.has(v.path[v.path.length - 1] ?? "");
}

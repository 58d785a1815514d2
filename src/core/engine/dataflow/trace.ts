// How outside input gets to a node: the trace of a taint finding (source first).
//
// The walk starts at the tainted node and goes back the way taint.ts came, choosing at each step
// the input with the highest level (the taint memo makes each question cheap): through a binding
// to its value, through a string built to its tainted piece, through a call to its tainted
// argument or receiver, until a source (a request field, a source call, a parameter). The steps
// kept are the bindings, strings built and calls on the way, one per line, none on the line of the
// source or of the sink (run.ts adds the sink).
import type { Node } from "web-tree-sitter";
import type { TraceStep } from "../../types.js";
import type { FileContext } from "../file-context.js";
import { nameOrigins } from "./scope.js";
import { CLEAN, SOURCE, type TaintLevel, parameterTaint, pathNames, taintOf } from "./taint.js";
import { unwrap } from "./values.js";

/** Nodes walked per trace, at most. */
const MAX_WALK = 64;
/** Longest `code` of a step. */
const MAX_CODE = 120;

export interface Trace {
  /** Source first; without the sink. Empty when no outside input reaches the node. */
  steps: TraceStep[];
  /** The function parameter the trace starts at, when it starts at one. */
  parameter: { scope: Node; name: string } | null;
}

export function codeOf(node: Node): string {
  const t = node.text.replace(/\s+/g, " ").trim();
  return t.length > MAX_CODE ? `${t.slice(0, MAX_CODE - 3)}...` : t;
}

export function stepAt(node: Node, role: TraceStep["role"]): TraceStep {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    role,
    code: codeOf(node),
  };
}

/** The node among `nodes` with the highest taint (the first of equals), and its level. */
function strongest(nodes: readonly Node[], ctx: FileContext): { node: Node; level: TaintLevel } | null {
  let best: { node: Node; level: TaintLevel } | null = null;
  for (const n of nodes) {
    const level = taintOf(n, ctx);
    if (level > CLEAN && (!best || level > best.level)) best = { node: n, level };
    if (best?.level === SOURCE) break;
  }
  return best;
}

/** The identifier that declares parameter `name` of `scope`, for the trace's first step. */
function parameterNode(scope: Node, name: string, ctx: FileContext): Node {
  const params = scope.childForFieldName("parameters") ?? scope.childForFieldName("parameter");
  if (params) {
    if (params.text === name) return params;
    const types = [...ctx.lang.syntax.identifierTypes, "shorthand_property_identifier_pattern"];
    for (const id of params.descendantsOfType(types)) if (id?.text === name) return id;
  }
  return scope;
}

/** The trace of outside input to `node` (see the header). */
export function traceOf(node: Node, ctx: FileContext): Trace {
  const syntax = ctx.lang.syntax;
  const flow = syntax.flow;
  const spec = ctx.taint;
  const back: TraceStep[] = []; // sink-side first
  let parameter: Trace["parameter"] = null;
  const seen = new Set<number>();
  let cur: Node | null = node;
  /** The outermost read of a chain of member reads (`req.query.name`, not just `req.query`). */
  let readTop: Node | null = null;
  for (let i = 0; cur && i < MAX_WALK; i++) {
    const n = unwrap(cur, ctx);
    cur = null;
    const top: Node | null = readTop;
    readTop = null;
    if (seen.has(n.id) || taintOf(n, ctx) === CLEAN) break;
    seen.add(n.id);
    const parts = syntax.stringParts(n);
    if (parts) {
      back.push(stepAt(n, "step"));
      cur = strongest(parts, ctx)?.node ?? null;
      continue;
    }
    if (syntax.constantTypes.has(n.type)) break;
    if (syntax.identifierTypes.has(n.type) || flow?.referenceTypes?.has(n.type)) {
      const origins = nameOrigins(n, n.text, ctx);
      let best: { level: number; binding?: (typeof origins.bindings)[number]; value?: Node } | null = null;
      for (const b of origins.bindings) {
        if (!b.value) continue;
        let value: Node | null = b.value;
        if (b.part === "mutate") value = strongest(flow?.call(b.value)?.args ?? [], ctx)?.node ?? null;
        if (!value) continue;
        const level = taintOf(value, ctx);
        if (level > CLEAN && (!best || level > best.level)) best = { level, binding: b, value };
      }
      const pLevel = origins.parameterOf ? parameterTaint(origins.parameterOf, n.text, ctx) : CLEAN;
      if (origins.parameterOf && pLevel > CLEAN && (!best || pLevel > best.level)) {
        back.push(stepAt(parameterNode(origins.parameterOf, n.text, ctx), "source"));
        parameter = { scope: origins.parameterOf, name: n.text };
        break;
      }
      if (best?.binding && best.value) {
        back.push(stepAt(best.binding.at, "step"));
        cur = best.value;
        continue;
      }
      // a global or imported source (`argv`, `location`)
      back.push(stepAt(n, "source"));
      break;
    }
    if (!flow) break;
    const call = flow.call(n);
    if (call) {
      const names = call.path ? pathNames(call.path, ctx) : [];
      if (spec.sourceCalls.size > 0 && names.some((x) => spec.sourceCalls.test(x))) {
        back.push(stepAt(top ?? n, "source"));
        break;
      }
      const inputs = call.receiver ? [call.receiver, ...call.args] : call.args;
      const next = strongest(inputs, ctx)?.node ?? null;
      // a method of the value read (`request.args.get("q")`, `s.trim()`) continues the read
      if (next && call.receiver && next.id === call.receiver.id) readTop = top ?? n;
      else back.push(stepAt(n, "step"));
      cur = next;
      continue;
    }
    const object = flow.member(n);
    if (object) {
      const path = spec.sources.size > 0 ? syntax.calleePath(n) : null;
      if (path && pathNames(path, ctx).some((x) => spec.sources.test(x))) {
        back.push(stepAt(top ?? n, "source"));
        break;
      }
      readTop = top ?? n;
      cur = object;
      continue;
    }
    const derived = flow.derived(n);
    if (derived) cur = strongest(derived, ctx)?.node ?? null;
  }
  const steps = back.reverse();
  // a walk cut short: the first step is where it stopped
  const first = steps[0];
  if (first && first.role !== "source") first.role = "source";
  return { steps, parameter };
}

/**
 * A finished trace: `steps` (source first) then the sink; one step per line (the one nearest the
 * sink), none on the source's or the sink's line, except for steps of role call / parameter.
 */
export function finishTrace(steps: readonly TraceStep[], sink: TraceStep): TraceStep[] {
  const out: TraceStep[] = [];
  const source = steps[0];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (!s) continue;
    if (i === 0 || s.role === "call" || s.role === "parameter" || s.role === "source") {
      out.push(s);
      continue;
    }
    if (s.line === sink.line || s.line === source?.line) continue;
    const next = steps[i + 1];
    if (next && next.line === s.line && next.role === "step") continue; // keep the last on a line
    const prev = out[out.length - 1];
    if (prev && prev.line === s.line && prev.role === "step") out.pop();
    out.push(s);
  }
  out.push(sink);
  return out;
}

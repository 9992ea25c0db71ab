/**
 * Cycles between measures (a KPI that refers to itself through other KPIs,
 * an index containing itself). Strongly connected components by Tarjan's
 * algorithm; every reference inside a cycle is reported, so the author sees
 * each edge to cut. Returns the names of the measures on a cycle.
 */

import type { CheckContext } from './context';
import type { Dependency } from './check-measures';

export function reportCycles(ctx: CheckContext, graph: ReadonlyMap<string, readonly Dependency[]>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const inCycle = new Set<string>();
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const dep of graph.get(node) ?? []) {
      if (!graph.has(dep.name)) continue;
      if (!index.has(dep.name)) {
        visit(dep.name);
        low.set(node, Math.min(low.get(node)!, low.get(dep.name)!));
      } else if (onStack.has(dep.name)) {
        low.set(node, Math.min(low.get(node)!, index.get(dep.name)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = component.length === 1 && (graph.get(node) ?? []).some((d) => d.name === node);
      if (component.length > 1 || selfLoop) for (const m of component) inCycle.add(m);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);

  for (const [node, deps] of graph) {
    if (!inCycle.has(node)) continue;
    for (const dep of deps) {
      if (!inCycle.has(dep.name)) continue;
      const path = cyclePath(graph, dep.name, node, inCycle);
      ctx.error('KPI060', dep.file, dep.span, `\`${node}\` depends on itself: ${[node, ...path].join(' -> ')}`);
    }
  }
  return inCycle;
}

/** The shortest path from `from` back to `to` inside the cycle, as names (from ... to). */
function cyclePath(graph: ReadonlyMap<string, readonly Dependency[]>, from: string, to: string, allowed: Set<string>): string[] {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) break;
    for (const dep of graph.get(node) ?? []) {
      if (allowed.has(dep.name) && !previous.has(dep.name)) {
        previous.set(dep.name, node);
        queue.push(dep.name);
      }
    }
  }
  const path: string[] = [];
  for (let at: string | null | undefined = to; at != null; at = previous.get(at)) path.unshift(at);
  return path[0] === from ? path : [from, to];
}

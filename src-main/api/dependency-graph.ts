/** A config problem in `dependsOn`, addressed like a schema issue. */
export interface DependencyIssue {
  monitorIndex: number;
  /** Index in that monitor's `dependsOn`. */
  dependencyIndex: number;
  message: string;
}

/**
 * Unknown ids and cycles in the monitors' `dependsOn` lists, each reported once with the monitors it
 * names ("dependency cycle: api → db → api"), so a held alert can never wait on itself.
 */
export function dependencyIssues(
  monitors: readonly { id: string; dependsOn?: readonly string[] }[],
): DependencyIssue[] {
  const issues: DependencyIssue[] = [];
  const index = new Map(monitors.map((m, i) => [m.id, i]));
  monitors.forEach((m, i) => {
    (m.dependsOn ?? []).forEach((parent, j) => {
      if (!index.has(parent))
        issues.push({ monitorIndex: i, dependencyIndex: j, message: `unknown monitor "${parent}"` });
    });
  });
  // Depth-first search; a grey node met again closes a cycle, reported at the edge that closed it.
  const colour = new Map<string, 'grey' | 'black'>();
  const path: string[] = [];
  const visit = (id: string): void => {
    colour.set(id, 'grey');
    path.push(id);
    const i = index.get(id) as number;
    (monitors[i]?.dependsOn ?? []).forEach((parent, j) => {
      if (!index.has(parent)) return;
      const seen = colour.get(parent);
      if (seen === 'grey') {
        const cycle = [...path.slice(path.indexOf(parent)), parent];
        issues.push({
          monitorIndex: i,
          dependencyIndex: j,
          message: `dependency cycle: ${cycle.join(' → ')}`,
        });
      } else if (seen === undefined) visit(parent);
    });
    path.pop();
    colour.set(id, 'black');
  };
  for (const m of monitors) if (!colour.has(m.id)) visit(m.id);
  return issues;
}

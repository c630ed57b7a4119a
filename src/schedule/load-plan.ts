// Reads contracts/ and plans the schedules: what the scheduler reconciles its tasks with on every reload.
import { connectorNameFromFile, loadConnectors } from '../config/load-connectors.js';
import { formatProblem } from '../core/format-problem.js';
import { planSchedules, type PlanOptions, type SchedulePlan } from './schedules.js';

export interface LoadedPlan extends SchedulePlan {
  /** Connectors whose file could not be read this time: they keep their previous schedule. */
  broken: ReadonlySet<string>;
}

export async function loadPlan(root: string, options: PlanOptions = {}): Promise<LoadedPlan> {
  const loaded = await loadConnectors(root);
  const plan = planSchedules(loaded.connectors, options);
  return {
    ...plan,
    problems: [...loaded.problems.map((p) => formatProblem(p, root)), ...plan.problems],
    broken: new Set(loaded.problems.map((p) => connectorNameFromFile(p.file))),
  };
}

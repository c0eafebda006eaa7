/** `atlas provision <crm> [--apply]`: the custom fields, permissions, layouts and lists the write-back needs. */
import type { ProvisionStep } from '../../connectors/types.js';
import type { CliContext } from './context.js';
import { withCrm } from './crm-command.js';
import { EXIT } from './exit-codes.js';

function stepLine(step: ProvisionStep): string {
  const mark = step.action === 'create' ? '+' : step.action === 'update' ? '~' : '=';
  return `  ${mark} ${step.kind} ${step.name}: ${step.detail}`;
}

export async function provisionCrm(
  context: CliContext,
  crm: string,
  options: { apply?: boolean; json?: boolean },
): Promise<void> {
  await withCrm(context, crm, async ({ system, connector }) => {
    const plan = await connector.planProvision();
    const todo = plan.steps.filter((s) => s.action !== 'unchanged');
    if (!options.apply) {
      if (options.json) context.out(JSON.stringify(plan, null, 2));
      else {
        context.out(
          `${system}: ${todo.length} change(s) to make, ${plan.steps.length - todo.length} already in place (dry run)`,
        );
        for (const step of plan.steps) context.out(stepLine(step));
        if (todo.length > 0) context.out(`run \`atlas provision ${system} --apply\` to make them`);
      }
      context.exit(EXIT.ok);
      return;
    }
    const report = await connector.applyProvision(plan);
    if (options.json) context.out(JSON.stringify(report, null, 2));
    else {
      context.out(
        `${system}: ${report.applied} change(s) applied, ${plan.steps.length - todo.length} already in place`,
      );
      for (const step of report.steps) context.out(stepLine(step));
    }
    context.exit(EXIT.ok);
  });
}

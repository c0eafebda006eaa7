/** `atlas provision <crm> [--apply]`: the custom fields, permissions, layouts and lists the write-back needs. */
import type { ProvisionStep } from '../../connectors/types.js';
import { AtlasError } from '../errors.js';
import type { CliContext } from './context.js';
import { withCrm } from './crm-command.js';
import { EXIT } from './exit-codes.js';

function stepLine(step: ProvisionStep): string {
  const mark = step.action === 'create' ? '+' : step.action === 'update' ? '~' : '=';
  return `  ${mark} ${step.kind} ${step.name}: ${step.detail}`;
}

/** `--assign-viewers` values, each possibly comma-separated, as one list of names. */
export function viewerNames(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export async function provisionCrm(
  context: CliContext,
  crm: string,
  options: { apply?: boolean; json?: boolean; assignViewers?: string[] },
): Promise<void> {
  const assignViewers = viewerNames(options.assignViewers);
  if (options.assignViewers && assignViewers.length === 0)
    throw new AtlasError('USAGE', '--assign-viewers needs a permission set group or profile name');
  // Refused before connecting: HubSpot has no viewer set to hand out.
  if (assignViewers.length > 0 && crm.toLowerCase() === 'hubspot') {
    throw new AtlasError(
      'USAGE',
      '--assign-viewers is for Salesforce only: HubSpot users see the Atlas properties by their own permissions (their seat and team settings), so there is nothing to assign',
    );
  }
  const provisionOptions = assignViewers.length > 0 ? { assignViewers } : {};
  await withCrm(context, crm, async ({ system, connector }) => {
    const plan = await connector.planProvision(provisionOptions);
    const todo = plan.steps.filter((s) => s.action !== 'unchanged');
    if (!options.apply) {
      if (options.json) context.out(JSON.stringify(plan, null, 2));
      else {
        context.out(
          `${system}: ${todo.length} change(s) to make, ${plan.steps.length - todo.length} already in place (dry run)`,
        );
        for (const step of plan.steps) context.out(stepLine(step));
        const again = assignViewers.map((n) => ` --assign-viewers "${n}"`).join('');
        if (todo.length > 0) context.out(`run \`atlas provision ${system} --apply${again}\` to make them`);
      }
      context.exit(EXIT.ok);
      return;
    }
    const report = await connector.applyProvision(plan, provisionOptions);
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

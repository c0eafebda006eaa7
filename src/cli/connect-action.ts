/** `atlas connect <crm> --check`: proves the credentials and shows what the integration user may read and write. */
import { count } from '../engine/index.js';
import type { CliContext } from './context.js';
import { withCrm } from './crm-command.js';
import { EXIT } from './exit-codes.js';

export async function checkConnection(
  context: CliContext,
  crm: string,
  options: { check?: boolean; json?: boolean },
): Promise<void> {
  await withCrm(context, crm, async ({ connector, plans, writeFields }) => {
    const check = await connector.check(plans, writeFields);
    const blocked = check.fields.filter(
      (f) => !f.exists || !f.readable || (writeFields.includes(f.field) && !f.writable),
    );
    if (options.json) context.out(JSON.stringify(check, null, 2));
    else {
      context.out(
        `${check.system}: connected to ${check.baseUrl} as ${check.user ?? 'the integration'} (account ${check.accountId})`,
      );
      const daily = check.usage.daily;
      if (daily)
        context.out(
          `  API usage today: ${daily.used.toLocaleString('en-US')} of ${daily.max.toLocaleString('en-US')}`,
        );
      for (const [name, value] of Object.entries(check.limits)) context.out(`  limit ${name}: ${value}`);
      if (check.missingScopes.length > 0) context.out(`  missing scopes: ${check.missingScopes.join(', ')}`);
      context.out(
        `  ${check.fields.length - blocked.length} of ${count(check.fields.length, 'mapped field', 'mapped fields')} usable${blocked.length > 0 ? ':' : ''}`,
      );
      for (const f of blocked) {
        const why = !f.exists ? 'missing' : !f.readable ? 'not readable' : 'not writable';
        context.out(`    ${f.object}.${f.field}: ${why}`);
      }
      for (const l of check.associationLabels) {
        context.out(`  ${l.from} → ${l.to} labels: ${l.defined.join(', ') || 'none'}`);
        if (l.unknown.length > 0)
          context.out(`    mapped but not defined in this portal: ${l.unknown.join(', ')}`);
      }
      for (const notice of check.notices) context.out(`  note: ${notice}`);
      if (blocked.some((f) => writeFields.includes(f.field))) {
        context.out(
          `  write-back fields are missing or locked: run \`atlas provision ${check.system} --apply\``,
        );
      }
    }
    context.exit(blocked.length > 0 || check.missingScopes.length > 0 ? EXIT.partial : EXIT.ok);
  });
}

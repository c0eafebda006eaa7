/** `atlas users …`: who may sign in to the admin app and with which role; `users-action.ts`, loaded when one runs, does the work. */
import type { Command } from 'commander';
import type { CliContext } from './context.js';

const DB_OPTION = ['--db <file>', 'SQLite store (default: $ATLAS_DB / $DATABASE_URL)'] as const;

export function registerUsersCommands(program: Command, context: CliContext): void {
  const users = program
    .command('users')
    .description('people who sign in to the admin app: add, list, change roles, disable, new tokens');
  const action = () => import('./users-action.js');
  users
    .command('list', { isDefault: true })
    .description('everyone who may sign in, with their role and how they sign in')
    .option(...DB_OPTION)
    .action(async (options: { db?: string }) => (await action()).listUsers(context, options));
  users
    .command('add <name>')
    .description(
      'add a user and print their token once (editors change mappings and overrides; viewers only read)',
    )
    .requiredOption('--role <role>', 'admin, editor or viewer')
    .option('--email <address>', 'their e-mail, so single sign-on (ATLAS_OIDC_*) can recognise them')
    .option(...DB_OPTION)
    .action(async (name: string, options: { role: string; email?: string; db?: string }) =>
      (await action()).addUserCommand(context, name, options),
    );
  users
    .command('set-role <user> <role>')
    .description("change a user's role (by name or e-mail); their sessions end")
    .option(...DB_OPTION)
    .action(async (user: string, role: string, options: { db?: string }) =>
      (await action()).setRoleCommand(context, user, role, options),
    );
  users
    .command('disable <user>')
    .description('stop a user signing in (by name or e-mail); their sessions end')
    .option(...DB_OPTION)
    .action(async (user: string, options: { db?: string }) =>
      (await action()).disableCommand(context, user, options),
    );
  users
    .command('new-token <user>')
    .description("replace a user's token (the old one stops working) and print the new one once")
    .option(...DB_OPTION)
    .action(async (user: string, options: { db?: string }) =>
      (await action()).newTokenCommand(context, user, options),
    );
}

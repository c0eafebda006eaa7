/**
 * Usage errors exit 2, as the README says, for every command; and every example the help shows parses and
 * names keys the shipped taxonomy holds. In-process: commander only parses here, no action runs.
 */
import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildDevProgram } from '../../devkit/cli.js';
import type { CliContext } from '../../src/cli/context.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { MATCH_EXAMPLES } from '../../src/cli/match-command.js';
import { reportError } from '../../src/cli/report-error.js';
import { loadMappings } from '../../src/mapping/index.js';

const context: CliContext = {
  out: () => {},
  err: () => {},
  env: () => {
    throw new Error('no action runs in these tests');
  },
  exit: () => {},
  isTty: false,
};

/** The program with commander's output silenced on every command (it prints usage errors itself). */
function quietProgram(): Command {
  const program = buildDevProgram(context);
  for (const command of allCommands(program))
    command.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return program;
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** The words that run `command` from the top: `['runs', 'show']`. */
function pathOf(command: Command): string[] {
  return command.parent ? [...pathOf(command.parent), command.name()] : [];
}

/** The exit code `atlas` ends with for `args`, the way `main` sets it. */
async function exitCodeOf(program: Command, args: string[]): Promise<number> {
  try {
    await program.parseAsync(args, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return reportError(error, () => {});
  }
}

describe('usage errors', () => {
  const commands = allCommands(buildDevProgram(context)).map(pathOf);

  it.each(commands.map((path) => [path.join(' ') || 'atlas', path]))(
    '%s: an unknown option exits 2',
    async (_name, path) => {
      const program = quietProgram();
      expect(await exitCodeOf(program, [...path, '--no-such-option'])).toBe(EXIT.usage);
    },
  );

  it('a missing argument, a missing option value and no command at all exit 2; --help and --version exit 0', async () => {
    expect(await exitCodeOf(quietProgram(), ['runs', 'show'])).toBe(EXIT.usage);
    expect(await exitCodeOf(quietProgram(), ['match', '--limit'])).toBe(EXIT.usage);
    expect(await exitCodeOf(quietProgram(), [])).toBe(EXIT.usage);
    expect(await exitCodeOf(quietProgram(), ['--help'])).toBe(EXIT.ok);
    expect(await exitCodeOf(quietProgram(), ['match', '--help'])).toBe(EXIT.ok);
    expect(await exitCodeOf(quietProgram(), ['--version'])).toBe(EXIT.ok);
  });

  it('reports a CommanderError without printing it again (commander has)', () => {
    const lines: string[] = [];
    const code = reportError(new CommanderError(1, 'commander.unknownOption', 'unknown'), (l) =>
      lines.push(l),
    );
    expect(code).toBe(EXIT.usage);
    expect(lines).toEqual([]);
  });
});

describe('help examples', () => {
  const { taxonomy } = loadMappings('mappings');
  const sectors = new Set(taxonomy.sectors.map((s) => s.key));
  const technologies = new Set(taxonomy.technologies.map((t) => t.key));

  it('shows the match examples in `atlas match --help`', () => {
    const match = buildDevProgram(context).commands.find((c) => c.name() === 'match');
    let shown = '';
    match?.configureOutput({ writeOut: (s) => (shown += s), writeErr: () => {} });
    match?.outputHelp();
    for (const example of MATCH_EXAMPLES) expect(shown).toContain(example);
  });

  it.each(MATCH_EXAMPLES.map((e) => [e]))(
    '`%s` parses and names keys of the shipped taxonomy',
    async (example) => {
      const program = quietProgram();
      const match = program.commands.find((c) => c.name() === 'match');
      let parsed: { sector?: string; tech?: string[] } | undefined;
      match?.action((options: { sector?: string; tech?: string[] }) => {
        parsed = options;
      });
      await program.parseAsync(example.split(' ').slice(1), { from: 'user' });
      expect(parsed?.sector && sectors.has(parsed.sector)).toBe(true);
      expect(parsed?.tech?.length).toBeGreaterThan(0);
      for (const tech of parsed?.tech ?? []) expect(technologies.has(tech), tech).toBe(true);
    },
  );

  it("names only taxonomy keys in the options' own e.g. hints", () => {
    const match = buildDevProgram(context).commands.find((c) => c.name() === 'match');
    for (const option of match?.options ?? []) {
      const hint = /\(e\.g\. ([^)]+)\)/.exec(option.description)?.[1];
      if (!hint) continue;
      const keys = new Set(
        option.long === '--sector' ? sectors : option.long === '--tech' ? technologies : [],
      );
      if (keys.size === 0) continue;
      for (const key of hint.split(' ')) expect(keys.has(key), `${option.long} ${key}`).toBe(true);
    }
  });
});

/**
 * The `rlvr` command line. One file per subcommand, registered from this list.
 */
import { Command } from 'commander';
import { VERSION } from '../server/app.ts';
import { registerGradeCommand } from './grade.ts';
import { registerOpenapiCommand } from './openapi.ts';
import { registerServeCommand } from './serve.ts';

/** Every subcommand: one line each. */
const COMMANDS: ((program: Command) => Command)[] = [
  registerServeCommand,
  registerOpenapiCommand,
  registerGradeCommand,
];

const program = new Command('rlvr')
  .description('Verifiable reward server for RL of reasoning LLMs')
  .version(VERSION);
for (const register of COMMANDS) register(program);
await program.parseAsync(process.argv);

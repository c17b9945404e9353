/**
 * `rlvr serve`: listen on HOST:PORT with graceful shutdown. The only place that listens.
 *
 * On SIGINT/SIGTERM (close-with-grace): stop accepting connections, let in-flight batches finish
 * (up to SHUTDOWN_GRACE_MS), stop the grading workers and sandboxes, exit 0. A second signal or an
 * expired grace period exits 1. A bad configuration exits 1 with every bad variable named.
 */
import closeWithGrace from 'close-with-grace';
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.ts';
import { buildApp } from '../server/app.ts';

export interface ServeOptions {
  host?: string;
  port?: string;
  problems?: string;
}

/** Start the server; resolves with the bound address once listening. */
export async function serve(config: Config): Promise<{ address: string; close: () => Promise<void> }> {
  const app = await buildApp({ config });
  const closer = closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'fatal error, closing');
    else app.log.info({ signal }, 'shutting down: finishing in-flight batches');
    await app.close();
  });
  app.addHook('onClose', async () => {
    closer.uninstall();
  });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  return { address, close: () => app.close() };
}

export function registerServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('Serve the reward API on HOST:PORT (configuration from environment variables; see README)')
    .option('--host <host>', 'override HOST')
    .option('--port <port>', 'override PORT')
    .option(
      '--problems <paths>',
      'override PROBLEMS (problem sets for code items: files or directories, comma-separated)',
    )
    .action(async (o: ServeOptions) => {
      let config: Config;
      try {
        config = loadConfig(undefined, {
          ...(o.host !== undefined ? { HOST: o.host } : {}),
          ...(o.port !== undefined ? { PORT: o.port } : {}),
          ...(o.problems !== undefined ? { PROBLEMS: o.problems } : {}),
        });
      } catch (e) {
        process.stderr.write(`rlvr serve: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
        return;
      }
      await serve(config);
    });
}

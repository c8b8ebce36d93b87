// Start: read the configuration, wire the parts, listen, and shut down gracefully on SIGTERM/SIGINT.
import './threadpool.js';
import { releaseYoungGeneration } from './young-generation.js';
import { createJawab } from './app.js';
import { ConfigError, loadConfig, secretsOf } from './config/env.js';
import { createLogger } from './log.js';
import { createHttpServer } from './web/http-server.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Data files (conversations, journal, index, admin token) are for this user only.
  process.umask(0o077);
  const log = createLogger(config.logLevel, undefined, secretsOf(config));
  const jawab = await createJawab(config, log);
  if (jawab.adminToken.generated) {
    // Printed once, on the first start; it is kept in DATA_DIR/admin-token afterwards.
    process.stdout.write(`Admin token (keep it; shown once): ${jawab.adminToken.token}\n`);
  }
  const server = createHttpServer(jawab.http, config.http).listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const mode = config.chatwoot ? `Chatwoot at ${config.chatwoot.url}` : 'the built-in sandbox helpdesk';
    process.stdout.write(`Jawab listening on http://localhost:${port} with ${mode}, ${config.openai ? `model ${config.openai.model}` : 'offline answers'}\n`);
    log.info('listening', { port });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: finishing work in flight', { signal });
    // Stop taking new deliveries first; Chatwoot retries agent-bot deliveries that get no answer.
    server.close();
    server.closeIdleConnections();
    jawab
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error('shutdown failed', { error: String(error) });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await jawab.ready;
  releaseYoungGeneration();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Jawab could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});

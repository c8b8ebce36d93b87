// The environment the Docker image gives the server (the ENV lines of the Dockerfile's last stage), so a bench that
// runs `node dist/main.js` "as the image runs it" reads the image's settings instead of a copy that could drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from '../test/helpers/child.js';

/** `ENV` values of the Dockerfile's last stage (`ENV A=1 B=2` and `ENV A 1` forms), by name. */
export function imageEnv(dockerfile = readFileSync(join(REPO_DIR, 'Dockerfile'), 'utf8')): Record<string, string> {
  const stages = dockerfile.split(/^FROM\s/m);
  const env: Record<string, string> = {};
  for (const line of stages.at(-1)!.split('\n')) {
    const match = /^ENV\s+(.+)$/.exec(line.trim());
    if (match === null) continue;
    const body = match[1]!;
    if (!body.includes('=')) {
      const [name, ...value] = body.split(/\s+/);
      env[name!] = value.join(' ');
      continue;
    }
    for (const pair of body.split(/\s+/)) {
      const at = pair.indexOf('=');
      if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  return env;
}

// `npm run manifest`: writes plugin-manifest/manifest.json from src/plugin/manifest.ts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MANIFEST_FILE, manifestText } from './manifest.js';

writeFileSync(MANIFEST_FILE, manifestText());
process.stdout.write(`wrote ${fileURLToPath(MANIFEST_FILE)}\n`);

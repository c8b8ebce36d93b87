// Bundles the settings page and the dashboard app (Preact, TypeScript) into src/web/public/ui/ with esbuild.
// `npm start`, `npm test` and `npm run build` run it first; the output is not committed. Nothing is loaded from a
// CDN: the bundles hold everything the pages need.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export async function buildWebUi(): Promise<void> {
  await build({
    entryPoints: { settings: here('./settings-main.tsx'), app: here('./dashboard-main.tsx') },
    outdir: here('../public/ui/'),
    bundle: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWebUi();
}

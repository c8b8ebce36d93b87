// Loaded with `node --import` before a program (plain JavaScript: it may run before any TypeScript loader): writes every module the program (and its worker threads) resolves,
// one URL a line, to the file named by JAWAB_IMPORTS_FILE. ESM has no require cache to look into afterwards; a
// resolve hook sees each import as it happens, static or dynamic.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(file, resolved.url + '\\n');
  return resolved;
}`;

const file = process.env.JAWAB_IMPORTS_FILE;
if (file) register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file } });

// A start allocates in one burst (settings, stores, the knowledge index, the web pages), and V8 grows its young
// generation to the most it allows (two 16 MiB semi-spaces) for it, then keeps it: about 25 MiB resident that an idle
// Jawab never uses again. Imported by main.ts before the rest, it holds the young generation at its first size while
// Jawab starts; once ready, V8 grows it again as the work needs (its default growth factor is 2). RSS at ready
// (BENCHMARKS.md, cold start): 133 -> 107 MiB. V8 reads the factor whenever it considers growing the space.
import { setFlagsFromString } from 'node:v8';

const V8_DEFAULT_GROWTH_FACTOR = 2;

setFlagsFromString('--semi-space-growth-factor=1');

/** Lets the young generation grow again, as V8 does by default. */
export function releaseYoungGeneration(): void {
  setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH_FACTOR}`);
}

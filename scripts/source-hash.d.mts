// Types of source-hash.mjs, for the tests that import it (the script itself is plain JavaScript: it runs before
// anything is compiled).
export declare const REPO: string;
export declare const STAMP: string;
export declare function sourceHash(root?: string): string;
export declare function builtHash(stamp?: string): string | undefined;

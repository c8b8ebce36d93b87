// Browser storage that never throws: in a third-party iframe (a page embedded in Chatwoot) the browser may refuse
// storage, and the page must still work, only without remembering.
type Kind = 'localStorage' | 'sessionStorage';

export function read(kind: Kind, key: string): string | null {
  try {
    return globalThis[kind]?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function write(kind: Kind, key: string, value: string | null): void {
  try {
    if (value === null) globalThis[kind]?.removeItem(key);
    else globalThis[kind]?.setItem(key, value);
  } catch {
    // Not kept: the page goes on with what it has in memory.
  }
}

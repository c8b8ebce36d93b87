// Calls to Jawab's admin API with the admin token; errors come back in the API's JSON shape.
import { read, write } from './storage.js';

export interface FieldError {
  path: string;
  message: string;
  /** What is wrong, for field-problems.ts to word (store/settings-store.ts ProblemCode). */
  code?: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'jawab-admin-token';
/** Kept for this tab only; in memory too, for browsers that refuse storage. */
let current = read('sessionStorage', TOKEN_KEY) ?? '';

export const token = {
  get: (): string => current,
  set: (value: string) => {
    current = value;
    write('sessionStorage', TOKEN_KEY, value);
  },
  clear: () => {
    current = '';
    write('sessionStorage', TOKEN_KEY, null);
  },
};

/** Sends `body` as JSON, or as it is when it is a file (an upload to a knowledge source). */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const file = body instanceof Blob;
  const response = await fetch(path, {
    method,
    headers: { 'content-type': file ? 'application/octet-stream' : 'application/json', authorization: `Bearer ${token.get()}`, ...headers },
    body: body === undefined ? undefined : file ? body : JSON.stringify(body),
  });
  const data = (await response.json().catch(() => null)) as { error?: { code: string; message: string; fields?: FieldError[] } } | null;
  if (!response.ok) {
    const e = data?.error;
    throw new ApiError(e?.message ?? response.statusText, response.status, e?.code ?? 'http_error', e?.fields ?? []);
  }
  return data as T;
}

// Every store write goes through libuv's threadpool (4 threads by default), and one reply is several file
// operations: with many conversations at once, replies queue for a thread. Imported first by main.ts, before
// anything touches the file system, so the larger pool is in place when libuv creates it.
process.env.UV_THREADPOOL_SIZE ??= '16';

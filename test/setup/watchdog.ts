// A test process whose main thread stops turning (a synchronous loop that never ends, a native
// call that never returns) cannot be failed by vitest: its test timeouts are timers on that same
// thread, and the run waits for the process forever. A thread of its own watches the main
// thread's heartbeat and, after STALL_SECONDS without one, names the test on standard error and
// kills the process, so that the run fails at once, saying where, instead of hanging.
import { Worker } from 'node:worker_threads';
import { beforeEach, expect } from 'vitest';

const STALL_SECONDS = 180;
const NAME_BYTES = 1024;

// [0]: the main thread's last heartbeat (seconds); [1]: the length of the test's name below it.
const shared = new SharedArrayBuffer(8 + NAME_BYTES);
const beat = new Int32Array(shared, 0, 2);
const name = new Uint8Array(shared, 8);
const now = () => Math.floor(Date.now() / 1000);

Atomics.store(beat, 0, now());
setInterval(() => Atomics.store(beat, 0, now()), 1000).unref();

beforeEach((context) => {
  const label = Buffer.from(`${expect.getState().testPath ?? ''} > ${context.task.name}`).subarray(0, NAME_BYTES);
  name.set(label);
  Atomics.store(beat, 1, label.length);
});

// Plain JavaScript evaluated in the thread; fs.writeSync, because a thread's process.stderr
// goes through the main thread, which is the one that stopped.
const watcher = new Worker(
  `const { workerData } = require('node:worker_threads');
   const { writeSync } = require('node:fs');
   const beat = new Int32Array(workerData.shared, 0, 2);
   const name = new Uint8Array(workerData.shared, 8);
   setInterval(() => {
     const silent = Math.floor(Date.now() / 1000) - Atomics.load(beat, 0);
     if (silent < workerData.stall) return;
     const test = Buffer.from(name.slice(0, Atomics.load(beat, 1))).toString();
     writeSync(2, '\\njixiao test watchdog: the main thread has not turned for ' + silent + ' s, in ' + (test || 'the collection of a test file') + ': a synchronous loop or a native call that does not return; the test process is killed.\\n');
     process.kill(process.pid, 'SIGKILL');
   }, 5000);`,
  { eval: true, workerData: { shared, stall: STALL_SECONDS } },
);
watcher.unref();

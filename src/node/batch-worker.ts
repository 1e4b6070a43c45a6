/**
 * A batch worker thread: builds the processor once from the settings it is started with, then turns each
 * group it is sent into output lines. The processor gives every unit a line; should it fail anyway, the
 * group is answered with the failure, and the pool evaluates its units again one by one.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import type { UnitGroup } from "../batch/input.js";
import { makeProcessor, type BatchSettings } from "./batch-process.js";

/** Buffers the main thread has written out and handed back, to write the next groups into. */
const spare: ArrayBuffer[] = [];
const MAX_SPARE = 4;

/** A buffer of at least `bytes`: a spare one when one is large enough, else a new one. */
function allocate(bytes: number): Uint8Array {
  for (let i = spare.length - 1; i >= 0; i--)
    if (spare[i]!.byteLength >= bytes) {
      const [buffer] = spare.splice(i, 1);
      return new Uint8Array(buffer!);
    }
  return new Uint8Array(bytes);
}

const port = parentPort;
if (port) {
  const settings = workerData as BatchSettings;
  // Messages wait in the port until the listener is attached, once the generated module (if any) is imported.
  const generated: Promise<unknown> = settings.generated === undefined ? Promise.resolve(undefined) : import(settings.generated).catch(() => undefined);
  void generated.then((mod) => listen(port, makeProcessor(settings, mod, allocate)));
}

function listen(port: NonNullable<typeof parentPort>, processGroup: ReturnType<typeof makeProcessor>): void {
  port.on("message", (msg: { id: number; group: UnitGroup } | { spare: ArrayBuffer }) => {
    if ("spare" in msg) {
      // Reused rather than left to the collector: a batch's output is gigabytes, in buffers of a few megabytes.
      if (spare.length < MAX_SPARE) spare.push(msg.spare);
      return;
    }
    let outcome: ReturnType<typeof processGroup>;
    try {
      outcome = processGroup(msg.group);
    } catch (e) {
      port.postMessage({ id: msg.id, failure: e instanceof Error ? e.message : String(e) });
      return;
    }
    // Transferred, not copied.
    port.postMessage({ id: msg.id, outcome }, [outcome.out.buffer as ArrayBuffer]);
  });
}

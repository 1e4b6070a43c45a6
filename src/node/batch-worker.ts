/**
 * A batch worker thread: builds the processor once from the settings it is started with, then turns each
 * group it is sent into output lines.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import type { UnitGroup } from "../batch/input.js";
import { makeProcessor, type BatchSettings } from "./batch-process.js";

const port = parentPort;
if (port) {
  const processGroup = makeProcessor(workerData as BatchSettings);
  port.on("message", (msg: { id: number; group: UnitGroup }) => {
    const outcome = processGroup(msg.group);
    port.postMessage({ id: msg.id, outcome }, [outcome.out.buffer as ArrayBuffer]);
  });
}

/**
 * The batch page's worker, started on demand. Its code and exceljs's browser build come as two scripts the
 * page loads only when a batch runs or a template is asked for (the other pages never load them): each defines
 * its code as a string, and the worker starts from a Blob of both. A page opened from file:// may start no
 * worker from a file, and `worker-src blob:` is the one thing the page's Content-Security-Policy allows for it.
 */
import workerFiles from "virtual:tieuchi-worker-files";
import type { Reply, Request } from "./worker/protocol.js";

declare global {
  interface Window {
    __tieuchiBatchWorker?: string;
    __tieuchiExcelJs?: string;
  }
}

const loading = new Map<string, Promise<void>>();

/** Loads a script of the page's assets once (a classic script: `script-src 'self'` allows it, file:// too). */
function loadScript(file: string): Promise<void> {
  let p = loading.get(file);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement("script");
      s.src = `./${file}`;
      s.onload = () => resolve();
      s.onerror = () => {
        loading.delete(file);
        reject(new Error(`${file} could not be loaded`));
      };
      document.head.appendChild(s);
    });
    loading.set(file, p);
  }
  return p;
}

let blobUrl: string | null = null;

async function workerUrl(): Promise<string> {
  if (blobUrl) return blobUrl;
  await Promise.all([loadScript(workerFiles.excel), loadScript(workerFiles.worker)]);
  blobUrl = URL.createObjectURL(new Blob([window.__tieuchiExcelJs!, "\n;\n", window.__tieuchiBatchWorker!], { type: "text/javascript" }));
  return blobUrl;
}

/** A request as the page writes it: without its id, which `request` sets. */
type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void; progress?: (r: Extract<Reply, { type: "progress" }>) => void };

/** One worker: requests answered by id; `stop()` ends it at once, whatever it is doing. */
export class SheetWorker {
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  private stopped = false;
  private constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const r = e.data;
      if (r.type === "ready") return;
      const p = this.pending.get(r.id);
      if (!p) return;
      if (r.type === "progress") p.progress?.(r);
      else {
        this.pending.delete(r.id);
        p.resolve(r);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      for (const p of this.pending.values()) p.reject(new Error(e.message));
      this.pending.clear();
    };
  }

  static async start(): Promise<SheetWorker> {
    return new SheetWorker(new Worker(await workerUrl()));
  }

  /** Sends a request (its id is set here) and resolves with the worker's answer to it. */
  request(m: Ask, progress?: Pending["progress"]): Promise<Reply> {
    if (this.stopped) return Promise.reject(new Error("stopped"));
    const id = this.next++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(progress ? { progress } : {}) });
      this.worker.postMessage({ ...m, id } as Request);
    });
  }

  /** Ends the worker: whatever it was doing is dropped, and no answer of it reaches the page. */
  stop(): void {
    this.stopped = true;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error("stopped"));
    this.pending.clear();
  }
}

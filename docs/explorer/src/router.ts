/** Hash routes, so the page works from file:// and any static server without server-side routing. */

export type Route =
  | { readonly page: "catalogue" }
  | { readonly page: "set"; readonly id: string; readonly version: string }
  | { readonly page: "check"; readonly id: string; readonly version: string }
  | { readonly page: "compare"; readonly a: SetRef | null; readonly b: SetRef | null }
  | { readonly page: "batch"; readonly set: SetRef | null }
  | { readonly page: "not-found" };

/** A set version named in a URL. */
export interface SetRef {
  readonly id: string;
  readonly version: string;
}

const enc = encodeURIComponent;

/** Links to each page. */
export const href = {
  catalogue: () => "#/",
  set: (id: string, version: string) => `#/set/${enc(id)}/${enc(version)}`,
  check: (id: string, version: string) => `#/check/${enc(id)}/${enc(version)}`,
  batch: (id?: string, version?: string) => (id && version ? `#/batch/${enc(id)}/${enc(version)}` : "#/batch"),
  compare: (idA?: string, versionA?: string, idB?: string, versionB?: string) =>
    idA && versionA && idB && versionB ? `#/compare/${enc(idA)}/${enc(versionA)}/${enc(idB)}/${enc(versionB)}` : "#/compare",
};

/** Reads a route from `location.hash`. */
export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, "")
    .split("/")
    .filter((p) => p !== "");
  let decoded: string[];
  try {
    decoded = parts.map((p) => decodeURIComponent(p));
  } catch {
    return { page: "not-found" };
  }
  const [page, id, version] = decoded;
  if (page === undefined) return { page: "catalogue" };
  if ((page === "set" || page === "check") && id !== undefined && version !== undefined && decoded.length === 3) return { page, id, version };
  if (page === "batch" && decoded.length === 1) return { page, set: null };
  if (page === "batch" && id !== undefined && version !== undefined && decoded.length === 3) return { page, set: { id, version } };
  if (page === "compare" && decoded.length === 1) return { page, a: null, b: null };
  if (page === "compare" && decoded.length === 5) return { page, a: { id: decoded[1]!, version: decoded[2]! }, b: { id: decoded[3]!, version: decoded[4]! } };
  return { page: "not-found" };
}

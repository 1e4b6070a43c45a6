declare module "virtual:tieuchi-catalogue" {
  const data: import("./data.js").CatalogueData;
  export default data;
}

declare module "virtual:tieuchi-worker-files" {
  /** The asset files (relative to the page) of the batch worker's code and of exceljs's browser build. */
  const files: { readonly worker: string; readonly excel: string };
  export default files;
}

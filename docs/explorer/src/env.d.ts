declare module "virtual:tieuchi-catalogue" {
  const data: import("./data.js").CatalogueData;
  export default data;
}

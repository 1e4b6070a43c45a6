/** The page shell: header, language switch, and the hash router. */
import { VERSION } from "tieuchi";
import { fill, h } from "./dom.js";
import { lang, setLang, t, type Lang } from "./i18n.js";
import { batchView } from "./pages/batch.js";
import { catalogueView } from "./pages/catalogue.js";
import { checkView } from "./pages/check.js";
import { compareView } from "./pages/compare.js";
import { setView } from "./pages/set.js";
import { href, parseRoute, type Route } from "./router.js";

export interface View {
  readonly title: string;
  readonly node: Node;
}

function notFound(message: string): View {
  return {
    title: t().notFound,
    node: h(
      "section",
      { class: "page" },
      h("h1", null, t().notFound),
      h("p", null, message),
      h("p", null, h("a", { href: href.catalogue() }, t().backToCatalogue)),
    ),
  };
}

function view(route: Route): View {
  switch (route.page) {
    case "catalogue":
      return catalogueView();
    case "set":
      return setView(route.id, route.version) ?? notFound(t().setNotFound(`${route.id}@${route.version}`));
    case "check":
      return checkView(route.id, route.version) ?? notFound(t().setNotFound(`${route.id}@${route.version}`));
    case "batch":
      return batchView(route.set?.id ?? null, route.set?.version ?? null) ?? notFound(t().setNotFound(route.set ? `${route.set.id}@${route.set.version}` : ""));
    case "compare":
      return compareView(route.a, route.b);
    case "not-found":
      return notFound(location.hash);
  }
}

/** Builds the shell in `root` and shows the page the URL names. */
export function start(root: HTMLElement): void {
  const main = h("main", { id: "main", tabindex: "-1" });
  const nav = h("nav", { class: "nav" });
  const switcher = h("div", { class: "lang", role: "group" });
  const brand = h("a", { class: "brand", href: href.catalogue() });
  const footer = h("footer", { class: "footer" });
  fill(root, h("header", { class: "top" }, brand, nav, switcher), main, footer);

  let shownHash: string | null = null;
  const render = () => {
    const tr = t();
    document.documentElement.lang = lang();
    fill(brand, h("span", { class: "brand-mark" }, "tieuchi"), h("span", { class: "brand-name" }, tr.appName));
    nav.setAttribute("aria-label", tr.navMain);
    fill(
      nav,
      h("a", { href: href.catalogue() }, tr.navCatalogue),
      h("a", { href: href.compare() }, tr.navCompare),
      h("a", { href: href.batch() }, tr.navBatch),
    );
    switcher.setAttribute("aria-label", tr.language);
    fill(
      switcher,
      (["vi", "en"] as Lang[]).map((l) =>
        h(
          "button",
          {
            type: "button",
            "data-lang": l,
            "aria-pressed": String(l === lang()),
            onclick: () => {
              setLang(l);
              render();
            },
          },
          l.toUpperCase(),
        ),
      ),
    );
    fill(footer, `tieuchi ${VERSION} · `, tr.appTagline);
    const v = view(parseRoute(location.hash));
    document.title = `${v.title} · tieuchi`;
    fill(main, v.node);
    // A new page starts at the top; a language switch keeps the reader where they were.
    if (shownHash !== location.hash) window.scrollTo(0, 0);
    shownHash = location.hash;
  };
  window.addEventListener("hashchange", render);
  render();
}

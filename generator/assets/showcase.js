/* Showcase: keyboard access where Material's own falls short (WCAG 2.1.1, 2.4.3, 2.4.7).
 *
 * - The header's menu and search buttons (partials/header.html) work Material's own toggles
 *   (#__drawer, #__search) as its <label>s do, report whether they are open (aria-expanded),
 *   and move focus into what they opened; Escape closes the menu and focus returns to its
 *   button, as it does to the search button when Material closes the search.
 * - Narrower than Material's sidebars, the current page's entry in the menu, which opens its table
 *   of contents (Material's <label for="__toc">, never a Tab stop), is a button as well; Escape or
 *   focus leaving the open table of contents closes it.
 * - The search overlay (narrow screens) keeps focus inside while open, as a dialog does, until
 *   Escape; at desktop width Escape closes the results and leaves focus in the search box.
 * - The number of search results is told to screen readers (a polite status), once typing pauses.
 * - The current page's links in the tabs and the menu say so (aria-current), not by colour alone.
 * - A table scroll area wider than the column (Material's .md-typeset__scrollwrap) is a Tab
 *   stop, named as a region, so a keyboard user can scroll it; one that fits is not.
 * - A search result from a story in a language of its own carries that language and its
 *   direction (WCAG 3.1.2), from search/languages.json beside Material's search index.
 * Nothing here is loaded from elsewhere; without JavaScript the menu's <label> works as before.
 */
(function () {
  "use strict";

  var BUTTON = "[data-showcase-toggle]";
  var FOCUSABLE = "a[href], button, input, [tabindex='0']";

  function toggle(name) {
    return document.getElementById(name);
  }

  function buttonFor(name) {
    return document.querySelector("[data-showcase-toggle='" + name + "']");
  }

  function shown(element) {
    return !!element && element.getClientRects().length > 0;
  }

  function drawer() {
    return document.querySelector(".md-sidebar--primary");
  }

  function sync() {
    document.querySelectorAll(BUTTON).forEach(function (button) {
      var input = toggle(button.getAttribute("data-showcase-toggle"));
      button.setAttribute("aria-expanded", input && input.checked ? "true" : "false");
    });
  }

  /* Material's own way to open or close (its setToggle): a click on the checkbox, whose change
     its listeners see. */
  function set(name, open) {
    var input = toggle(name);
    if (input && input.checked !== open) {
      input.click();
    }
  }

  function openedBy(button) {
    var name = button.getAttribute("data-showcase-toggle");
    set(name, !(toggle(name) || {}).checked);
    if (!toggle(name) || !toggle(name).checked) {
      return;
    }
    var target = name === "__search" ? document.querySelector(".md-search__input")
      : name === "__toc" ? document.querySelector(".md-nav--primary .md-nav--secondary a[href]")
        : (drawer() || document).querySelector(FOCUSABLE);
    if (target) {
      target.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest(BUTTON) : null;
    if (button) {
      openedBy(button);
    }
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement)
        || !(input.hasAttribute("data-md-toggle") || buttonFor(input.id))) {
      return;
    }
    sync();
    if (input.id === "__drawer" && !input.checked) {
      set("__toc", false);  // the menu opens again on its first level, where focus goes
    }
    if (input.id === "__search" && !input.checked) {
      // Material closes the search on Escape and lets go of the focus (after this change), or
      // leaves it on a result now hidden: back to the button; on Tab it has moved on by then
      setTimeout(function () {
        var button = buttonFor("__search");
        var active = document.activeElement;
        if (shown(button) && (!active || active === document.body || active.closest(".md-search"))) {
          button.focus();
        }
      });
    }
  });

  function open(name) {
    var input = toggle(name);
    return !!input && input.checked;
  }

  /* Escape closes the open table of contents (back to its button), else the open menu (back to
     the menu button). */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !open("__drawer")) {
      return;
    }
    var name = open("__toc") && shown(buttonFor("__toc")) ? "__toc" : "__drawer";
    set(name, false);
    var button = buttonFor(name);
    if (shown(button)) {
      button.focus();
    }
  });

  // focus leaving the open menu (Tab past its last link) closes it: what it covers is next; so
  // does focus leaving the table of contents opened in it, for the menu's entries it covers
  document.addEventListener("focusin", function (event) {
    var side = drawer();
    var target = event.target;
    if (!open("__drawer") || !side || !(target instanceof Element)) {
      return;
    }
    if (!side.contains(target) && !target.closest(BUTTON)) {
      set("__drawer", false);
    } else if (open("__toc") && !target.closest(".md-nav--primary .md-nav--secondary")) {
      set("__toc", false);
    }
  });

  /* The menu never scrolls sideways; a focus moved while its table of contents slides away would
     scroll it, and leave its links a few pixels off the screen's edge. */
  document.addEventListener("scroll", function (event) {
    var target = event.target;
    if (target instanceof Element && target.scrollLeft !== 0
        && target.matches(".md-sidebar--primary .md-sidebar__scrollwrap")) {
      target.scrollLeft = 0;
    }
  }, true);

  /* The search overlay of narrow screens is a dialog: Tab and Shift+Tab go round its search box and
     results (Material would close it and send focus on to a link under it, maybe far off screen).
     Captured before Material's own Tab handling, which closes the search. */
  function searchStops() {
    var box = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    var links = list ? Array.prototype.slice.call(
      list.querySelectorAll(":not(details) > [href], summary, details[open] [href]")) : [];
    return [box].concat(links).filter(shown);
  }

  function trapped(event) {
    var stops = searchStops();
    var at = stops.indexOf(document.activeElement);
    if (at < 0) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    stops[(at + (event.shiftKey ? -1 : 1) + stops.length) % stops.length].focus();
  }

  /* At desktop width the search box stays where it is when its results close: Escape leaves focus
     in it (Material would blur it, focus on nothing); typing again opens the results. */
  function escaped(event) {
    var box = document.querySelector(".md-search__input");
    if (document.activeElement !== box) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    set("__search", false);
  }

  var MODIFIERS = ["Shift", "Control", "Alt", "Meta"];

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!open("__search") || !(target instanceof Element) || !target.closest(".md-search")) {
      return;
    }
    var narrow = shown(buttonFor("__search"));
    if (MODIFIERS.indexOf(event.key) >= 0) {
      event.stopPropagation();  // Material sends any key's press to the search box: Shift+Tab too
    } else if (event.key === "Tab" && narrow) {
      trapped(event);
    } else if (event.key === "Escape" && !narrow) {
      escaped(event);
    }
  }, true);

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target instanceof Element && target.matches(".md-search__input") && !open("__search")) {
      set("__search", true);
    }
  });

  /* The result count (Material's .md-search-result__meta) told once typing pauses, in a polite
     status of its own: Material rewrites the count on every key. */
  var STATUS_DELAY = 600;

  function announcer() {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta || document.querySelector("[data-showcase-search-status]")) {
      return;
    }
    var status = document.createElement("div");
    status.setAttribute("role", "status");
    status.setAttribute("data-showcase-search-status", "");
    status.className = "showcase-visually-hidden";
    meta.parentNode.insertBefore(status, meta);
    var timer = 0;
    var box = document.querySelector(".md-search__input");
    new MutationObserver(function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = box && box.value.trim() ? meta.textContent.trim() : "";
        if (status.textContent !== text) {
          status.textContent = text;
        }
      }, STATUS_DELAY);
    }).observe(meta, {childList: true, characterData: true, subtree: true});
  }

  /* The current page's entry in the menu, narrower than Material's sidebars: its <label> opens the
     page's table of contents by pointer only; a button before it does so by keyboard too, and the
     label is hidden (showcase.css). Without JavaScript the label stays. */
  function tocButton() {
    var label = document.querySelector(".md-nav--primary label.md-nav__link[for='__toc']");
    if (!label || buttonFor("__toc")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " showcase-toc-button";
    button.setAttribute("data-showcase-toggle", "__toc");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-current", "page");
    var toc = label.parentNode.querySelector(".md-nav--secondary");
    if (toc) {
      toc.id = toc.id || "showcase-toc";
      button.setAttribute("aria-controls", toc.id);
      button.setAttribute("aria-label", label.textContent.trim() + ": " + toc.getAttribute("aria-label"));
    }
    Array.prototype.forEach.call(label.childNodes, function (child) {
      button.appendChild(child.cloneNode(true));
    });
    label.parentNode.insertBefore(button, label);
  }

  /* aria-current on the links to this page in the tabs and the menu (Material marks them by class
     only); the tab of the section this page is in, when it links elsewhere, is the current one. */
  function current() {
    var here = location.href.split("#")[0];
    document.querySelectorAll(".md-tabs a.md-tabs__link[href], .md-nav--primary a.md-nav__link[href]").forEach(function (link) {
      if (link.closest(".md-nav--secondary")) {
        return;
      }
      if (link.href.split("#")[0] === here) {
        link.setAttribute("aria-current", "page");
      } else if (link.closest(".md-tabs__item--active")) {
        link.setAttribute("aria-current", "true");
      }
    });
  }

  /* A table's own name: its caption, else the heading it is under ("" for none). */
  function subject(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return {text: caption.textContent.trim(), caption: true};
    }
    var before = null;
    document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4, "
                              + ".md-content h5, .md-content h6").forEach(function (heading) {
      if (heading.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING) {
        before = heading;
      }
    });
    return {text: before ? before.textContent.trim() : "", caption: false};
  }

  /* Each table scroll area's region name, unique on the page (axe landmark-unique): "Table:
     Impact" or its caption, numbered ("Table 2: Impact") where tables share one. */
  function names(wraps) {
    var subjects = Array.prototype.map.call(wraps, subject);
    var counts = {};
    var seen = {};
    subjects.forEach(function (s) {
      counts[s.text] = (counts[s.text] || 0) + 1;
    });
    return subjects.map(function (s) {
      if (counts[s.text] === 1) {
        return s.caption ? s.text : s.text ? "Table: " + s.text : "Table";
      }
      seen[s.text] = (seen[s.text] || 0) + 1;
      return "Table " + seen[s.text] + (s.text ? ": " + s.text : "");
    });
  }

  function mark(wrap, label) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label);
    } else if (wrap.hasAttribute("data-showcase-marked")) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
    wrap.setAttribute("data-showcase-marked", "");
  }

  function tables() {
    var wraps = document.querySelectorAll(".md-typeset .md-typeset__scrollwrap");
    var labels = names(wraps);
    wraps.forEach(function (wrap, index) {
      mark(wrap, labels[index]);
    });
    if ("ResizeObserver" in window) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          mark(entry.target, labels[Array.prototype.indexOf.call(wraps, entry.target)]);
        });
      });
      wraps.forEach(function (wrap) {
        observer.observe(wrap);
      });
    }
  }

  /* The site's root, from Material's configuration (its base, relative to the page). */
  function root() {
    var config = document.getElementById("__config");
    try {
      return new URL(JSON.parse(config.textContent).base + "/", location.href);
    } catch (error) {
      return null;
    }
  }

  /* Each result of a story page in search/languages.json: its title and text in the story's
     language and direction (the list of missing words stays the site's). */
  function markResults(list, languages, base) {
    list.querySelectorAll(".md-search-result__item").forEach(function (item) {
      var link = item.querySelector("a[href]");
      if (!link) {
        return;
      }
      var path = new URL(link.getAttribute("href"), location.href).pathname;
      var found = path.indexOf(base.pathname) === 0 && languages[path.slice(base.pathname.length)];
      if (!found) {
        return;
      }
      item.querySelectorAll("article h1, article h2, article > p:not(.md-search-result__terms)")
        .forEach(function (part) {
          part.setAttribute("lang", found[0]);
          part.setAttribute("dir", found[1]);
        });
    });
  }

  var languagesAsked = false;

  function searchLanguages() {
    var list = document.querySelector(".md-search-result__list");
    var base = root();
    if (languagesAsked || !list || !base || !window.fetch || !("MutationObserver" in window)) {
      return;
    }
    languagesAsked = true;
    fetch(new URL("search/languages.json", base)).then(function (response) {
      return response.ok ? response.json() : {};
    }).then(function (languages) {
      if (!Object.keys(languages).length) {
        return;
      }
      markResults(list, languages, base);
      new MutationObserver(function () {
        markResults(list, languages, base);
      }).observe(list, {childList: true, subtree: true});
    }).catch(function () {});
  }

  function ready() {
    tocButton();
    current();
    announcer();
    sync();
    tables();
  }

  // the languages are fetched once a reader starts a search, not on every page
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches("[data-md-component=search-query]")) {
      searchLanguages();
    }
  });

  // Material wraps the tables when its document$ emits (after DOMContentLoaded)
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(ready);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());

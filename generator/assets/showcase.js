/* Showcase: keyboard access where Material's own falls short (WCAG 2.1.1, 2.4.3, 2.4.7).
 *
 * - The header's menu and search buttons (partials/header.html) work Material's own toggles
 *   (#__drawer, #__search) as its <label>s do, report whether they are open (aria-expanded),
 *   and move focus into what they opened; Escape closes the menu and focus returns to its
 *   button, as it does to the search button when Material closes the search.
 * - A table scroll area wider than the column (Material's .md-typeset__scrollwrap) is a Tab
 *   stop, named as a region, so a keyboard user can scroll it; one that fits is not.
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
    var target = name === "__search"
      ? document.querySelector(".md-search__input")
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
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-md-toggle")) {
      return;
    }
    sync();
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

  document.addEventListener("keydown", function (event) {
    var input = toggle("__drawer");
    if (event.key === "Escape" && input && input.checked) {
      set("__drawer", false);
      var button = buttonFor("__drawer");
      if (shown(button)) {
        button.focus();
      }
    }
  });

  // focus leaving the open menu (Tab past its last link) closes it: what it covers is next
  document.addEventListener("focusin", function (event) {
    var input = toggle("__drawer");
    var side = drawer();
    var target = event.target;
    if (input && input.checked && side && target instanceof Element
        && !side.contains(target) && !target.closest(BUTTON)) {
      set("__drawer", false);
    }
  });

  function name(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var before = null;
    document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4, "
                              + ".md-content h5, .md-content h6").forEach(function (heading) {
      if (heading.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING) {
        before = heading;
      }
    });
    return before ? "Table: " + before.textContent.trim() : "Table";
  }

  function mark(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name(wrap));
    } else if (wrap.hasAttribute("data-showcase-marked")) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
    wrap.setAttribute("data-showcase-marked", "");
  }

  function tables() {
    var wraps = document.querySelectorAll(".md-typeset .md-typeset__scrollwrap");
    wraps.forEach(mark);
    if ("ResizeObserver" in window) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          mark(entry.target);
        });
      });
      wraps.forEach(function (wrap) {
        observer.observe(wrap);
      });
    }
  }

  function ready() {
    sync();
    tables();
  }

  // Material wraps the tables when its document$ emits (after DOMContentLoaded)
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(ready);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());

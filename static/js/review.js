// The review queue from the keyboard: j/k move between items, a accepts (or keeps
// merged), c puts the cursor in the correction box, r rejects (or splits apart).
(function () {
  "use strict";
  var current = -1;

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll(".review-item"));
  }

  function select(index) {
    var list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(index, list.length - 1));
    list.forEach(function (item, i) {
      item.classList.toggle("is-current", i === current);
      item.setAttribute("aria-current", i === current ? "true" : "false");
    });
    list[current].focus({ preventScroll: true });
    list[current].scrollIntoView({ block: "nearest" });
  }

  function press(key) {
    var item = items()[current];
    if (!item) return;
    var target = item.querySelector('[data-key="' + key + '"]');
    if (!target) return;
    if (target.tagName === "INPUT") {
      target.focus();
    } else {
      target.click();
    }
  }

  document.addEventListener("keydown", function (event) {
    var tag = event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") {
      select(current + 1);
    } else if (event.key === "k") {
      select(current - 1);
    } else if (event.key === "a" || event.key === "r" || event.key === "c") {
      if (current < 0) select(0);
      event.preventDefault();
      press(event.key);
    }
  });

  document.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest(".review-item");
    if (item) select(items().indexOf(item));
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (items().length) select(0);
  });
})();

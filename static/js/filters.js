// Filter forms under htmx: send only the fields that have a value, so the address the
// page pushes to the history reads like a link someone would share
// (?country=PAK&topic=trade, not every empty field).
document.addEventListener("htmx:configRequest", function (event) {
  var data = event.detail.formData;
  if (!data || !event.detail.elt.matches("form.filters")) {
    return;
  }
  Array.from(new Set(Array.from(data.keys()))).forEach(function (name) {
    var kept = data.getAll(name).filter(function (value) {
      return value !== "";
    });
    data.delete(name);
    kept.forEach(function (value) {
      data.append(name, value);
    });
  });
});

// A choice in a select applies at once; text fields wait for the submit button. This is
// a trigger of its own rather than htmx's change[...] filter, which needs eval, and the
// Content-Security-Policy forbids eval.
document.addEventListener("change", function (event) {
  var form = event.target.closest ? event.target.closest("form.filters") : null;
  if (form && event.target.tagName === "SELECT" && window.htmx) {
    window.htmx.trigger(form, "filter-change");
  }
});

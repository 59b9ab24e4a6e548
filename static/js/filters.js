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

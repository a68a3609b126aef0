// Autocompletion for the header search box from /search.json; picking a suggestion opens
// its page. Without JavaScript the box is a plain GET form to /search.
(function () {
  "use strict";
  var box = document.querySelector("header form.quick input[type=search]");
  if (!box || !window.fetch) { return; }
  var list = document.createElement("datalist"), hrefs = {}, timer = null, asked = "";
  list.id = "ag-suggestions";
  box.setAttribute("list", list.id);
  box.setAttribute("autocomplete", "off");
  box.parentNode.appendChild(list);
  box.addEventListener("input", function () {
    var q = box.value.trim();
    if (hrefs[q]) { window.location.href = hrefs[q]; return; }
    clearTimeout(timer);
    if (q.length < 2 || q === asked) { return; }
    timer = setTimeout(function () {
      asked = q;
      fetch("/search.json?limit=8&q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : {hits: []}; })
        .then(function (data) {
          while (list.firstChild) { list.removeChild(list.firstChild); }
          hrefs = {};
          data.hits.forEach(function (h) {
            if (hrefs[h.label]) { return; }
            hrefs[h.label] = h.href;
            var opt = document.createElement("option");
            opt.value = h.label;
            opt.textContent = h.kind;
            list.appendChild(opt);
          });
        });
    }, 150);
  });
})();

// Draw an entity's neighbourhood with Cytoscape.js (bundled in static/vendor, no CDN).
(function () {
  "use strict";
  var box = document.getElementById("cy");
  var palette = {Country: "#4f7cac", Alliance: "#c0392b", InternationalOrganisation: "#8e44ad",
    Person: "#27ae60", Partnership: "#d35400", Programme: "#16a085", Mission: "#16a085",
    Operation: "#16a085", Dispute: "#e67e22", Statement: "#7f8c8d", Event: "#2c3e50",
    Place: "#b7950b", Thing: "#95a5a6"};
  fetch(box.dataset.src, {headers: {Accept: "application/json"}})
    .then(function (r) { return r.json(); })
    .then(function (g) {
      var els = g.nodes.map(function (n) {
        return {data: {id: n.id, label: n.label, href: n.href, color: palette[n["class"]] || palette.Thing,
                       center: n.id === g.center ? 1 : 0}};
      }).concat(g.edges.map(function (e, i) {
        return {data: {id: "e" + i, source: e.source, target: e.target, label: e.label}};
      }));
      var cy = cytoscape({container: box, elements: els, maxZoom: 1.8,
        // The entity in the middle, its neighbours on a ring around it: labels stay readable
        // (a force layout piled the neighbours of a small graph onto each other).
        layout: {name: "concentric", animate: false, padding: 40, minNodeSpacing: 70,
                 concentric: function (n) { return n.data("center") ? 2 : 1; },
                 levelWidth: function () { return 1; }},
        style: [
          {selector: "node", style: {"background-color": "data(color)", label: "data(label)", "font-size": 9, width: 16, height: 16}},
          {selector: "node[center = 1]", style: {width: 30, height: 30, "border-width": 3, "border-color": "#000"}},
          {selector: "edge", style: {width: 1, "line-color": "#bbb", "target-arrow-shape": "triangle",
            "target-arrow-color": "#bbb", "curve-style": "bezier", label: "data(label)", "font-size": 7, color: "#777"}}]});
      cy.on("tap", "node", function (ev) { window.location.href = ev.target.data("href"); });
      window.agGraph = cy;
      box.dataset.nodes = String(cy.nodes().length);
      var seen = {};
      g.nodes.forEach(function (n) { seen[n["class"]] = palette[n["class"]] || palette.Thing; });
      var legend = document.getElementById("legend");
      Object.keys(seen).sort().forEach(function (k) {
        var item = document.createElement("span"), dot = document.createElement("span");
        dot.style.color = seen[k];
        dot.textContent = "\u25CF ";
        item.appendChild(dot);
        item.appendChild(document.createTextNode(k));
        legend.appendChild(item);
      });
    });
})();

{% load i18n %}/* Gương Sáng widget: <script src=".../nhung/guong-sang.js" data-unit="<unit id>" data-limit="5" async></script>
   Inserts, after the script element, a sandboxed iframe listing the unit's exemplars and stories.
   Optional attributes: data-lang="en", data-height="<pixels>", data-title="<frame title>". */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.parentNode) { return; }
  var unit = script.getAttribute("data-unit") || "";
  if (!/^[0-9]{1,18}$/.test(unit)) { return; }
  var limit = parseInt(script.getAttribute("data-limit") || "5", 10);
  if (!(limit >= 1 && limit <= 20)) { limit = 5; }
  var height = parseInt(script.getAttribute("data-height") || "{{ height }}", 10);
  if (!(height >= 150 && height <= 2000)) { height = {{ height }}; }
  var src = new URL("{{ frame_path|escapejs }}".replace(/\/0\/$/, "/" + unit + "/"), script.src);
  src.searchParams.set("limit", String(limit));
  if (script.getAttribute("data-lang") === "en") { src.searchParams.set("lang", "en"); }
  var frame = document.createElement("iframe");
  frame.src = src.href;
  frame.title = script.getAttribute("data-title") || "{% filter escapejs %}{% translate 'Exemplary models (Gương Sáng)' %}{% endfilter %}";
  frame.setAttribute("loading", "lazy");
  frame.setAttribute("sandbox", "{{ sandbox|escapejs }}");
  frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
  frame.style.width = "100%";
  frame.style.maxWidth = "100%";
  frame.style.height = height + "px";
  frame.style.border = "0";
  script.parentNode.insertBefore(frame, script.nextSibling);
})();

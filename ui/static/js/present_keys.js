(function () {
  if (window.__presentKeysInstalled) { return; }
  window.__presentKeysInstalled = true;
  var NEXT = ["PageDown", " ", "Spacebar"];
  var PREV = ["PageUp"];
  // Key → the control it clicks (ui/slides.py): Home/End the first/last-slide buttons, Esc the Exit link.
  var CONTROLS = { Home: ".st-key-present_first button", End: ".st-key-present_last button",
                   Escape: ".st-key-present_exit a", Esc: ".st-key-present_exit a" };
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var key = NEXT.indexOf(event.key) >= 0 ? "present_next" : (PREV.indexOf(event.key) >= 0 ? "present_prev" : "");
    var selector = key ? ".st-key-" + key + " button" : CONTROLS[event.key];
    if (!selector) { return; }
    var button = document.querySelector(selector);
    if (!button || button.disabled) { return; }
    event.preventDefault();
    event.stopPropagation();
    if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
    button.click();
  }, true);
})();

(function () {
  if (window.__presentKeysInstalled) { return; }
  window.__presentKeysInstalled = true;
  var NEXT = ["PageDown", " ", "Spacebar"];
  var PREV = ["PageUp"];
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var key = NEXT.indexOf(event.key) >= 0 ? "present_next" : (PREV.indexOf(event.key) >= 0 ? "present_prev" : "");
    if (!key) { return; }
    var button = document.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { return; }
    event.preventDefault();
    event.stopPropagation();
    if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); }
    button.click();
  }, true);
})();

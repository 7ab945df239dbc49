(function () {
  // st.link_button always opens a new tab. The presentation's Start (setup page) and Exit (slides) links must
  // stay in the presenter's tab: Exit returns where the presentation was started. Constant script, no report data.
  if (window.__sameTabLinksInstalled) { return; }
  window.__sameTabLinksInstalled = true;
  var SELECTOR = ".st-key-present_start a, .st-key-present_exit a";
  function fix() {
    document.querySelectorAll(SELECTOR).forEach(function (link) {
      if (link.target !== "_self") { link.target = "_self"; link.removeAttribute("rel"); }
    });
  }
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  // A click that lands before the observer ran still stays in this tab.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest(SELECTOR) : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    window.location.assign(link.href);
  }, true);
})();

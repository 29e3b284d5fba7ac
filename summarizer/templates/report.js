(function () {
  // Escape hides a tooltip (WCAG 1.4.13) until the reader moves to another quote.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { document.body.classList.add("notips"); }
  });
  function show(e) {
    var mark = e.target instanceof Element ? e.target.closest("mark.hl") : null;
    if (!mark) { return; }
    document.body.classList.remove("notips");
    // Open the tooltip leftwards when it would run off the right edge.
    mark.classList.toggle("tip-end", mark.getBoundingClientRect().left > window.innerWidth / 2);
  }
  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
})();

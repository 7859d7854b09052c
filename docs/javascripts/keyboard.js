// Wide tables scroll sideways inside the wrapper the theme adds when a page is shown; a
// keyboard user can scroll one only if it can take focus (axe-core: scrollable-region-focusable).
document$.subscribe(() => requestAnimationFrame(() => {  // after the theme has wrapped the tables
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])")) {
    wrapper.setAttribute("tabindex", "0");
  }
}));

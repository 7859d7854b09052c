// Draws every .rosetta-chart with the site's own copy of plotly.js (the partial bundle of
// rosetta.site.plotly_bundle), fetched only when a chart comes near the viewport, so that a page
// is readable before plotly.js is even requested. Handles what Material needs: instant navigation (document$), charts in tabs
// (drawn when their tab is opened and they become visible), and the light/dark palette toggle.
const plotlyUrl = new URL("plotly.min.js", document.currentScript.src).href;
let plotlyLoaded = null;

function loadPlotly() {
  plotlyLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = plotlyUrl;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => reject(new Error(`could not load ${plotlyUrl}`));
    document.head.append(script);
  });
  return plotlyLoaded;
}

// Colours follow the palette: read them from Material's CSS variables.
function paletteUpdate() {
  const style = getComputedStyle(document.body);
  const text = style.getPropertyValue("--md-typeset-color").trim();
  const grid = style.getPropertyValue("--md-default-fg-color--lightest").trim();
  return {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    "font.color": text,
    "xaxis.gridcolor": grid,
    "yaxis.gridcolor": grid,
    "xaxis.zerolinecolor": grid,
    "yaxis.zerolinecolor": grid,
  };
}

async function drawChart(chart) {
  const Plotly = await loadPlotly();
  const figure = JSON.parse(chart.querySelector("script[type='application/json']").textContent);
  const layout = { ...figure.layout, autosize: true };
  await Plotly.newPlot(chart, figure.data, layout, { responsive: true, displaylogo: false });
  await Plotly.relayout(chart, paletteUpdate());
}

// A chart is drawn once, the first time it comes within 200px of the viewport.
const nearViewport = new IntersectionObserver((entries) => {
  for (const entry of entries.filter((entry) => entry.isIntersecting)) {
    nearViewport.unobserve(entry.target);
    drawChart(entry.target);
  }
}, { rootMargin: "200px 0px" });

document$.subscribe(() => {
  for (const chart of document.querySelectorAll(".rosetta-chart")) nearViewport.observe(chart);
});

// A chart drawn inside a hidden tab has no width: resize it when its tab is opened.
document.addEventListener("change", (event) => {
  if (!window.Plotly || !event.target.matches(".tabbed-set > input")) return;
  for (const chart of document.querySelectorAll(".tabbed-block .rosetta-chart.js-plotly-plot")) {
    if (chart.offsetParent !== null) window.Plotly.Plots.resize(chart);
  }
});

// Follow the palette toggle, which changes data-md-color-scheme on <body>.
new MutationObserver(() => {
  if (!window.Plotly) return;
  for (const chart of document.querySelectorAll(".rosetta-chart.js-plotly-plot")) {
    window.Plotly.relayout(chart, paletteUpdate());
  }
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

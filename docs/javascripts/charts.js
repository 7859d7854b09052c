// Makes every .rosetta-chart interactive with the site's own copy of plotly.js (the partial bundle of
// rosetta.site.plotly_bundle). Until then a chart is the static picture the build drew
// (rosetta.site.static_charts): plotly.js, a second of work on a phone, is fetched only when the
// reader points at a chart (a mouse over it, a finger on it), and the interactive chart takes the
// picture's place at the same size. Handles what Material needs: each page's content (document$),
// charts in tabs, and the light/dark palette toggle.
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

// Colours follow the palette: read them from Material's CSS variables, as the static picture does,
// for the text and the grid of every axis of the figure's layout.
function paletteUpdate(layout) {
  const style = getComputedStyle(document.body);
  const text = style.getPropertyValue("--md-typeset-color").trim();
  const grid = style.getPropertyValue("--md-default-fg-color--lightest").trim();
  const update = { paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", "font.color": text };
  const axes = new Set(["xaxis", "yaxis", ...Object.keys(layout).filter((key) => /^[xy]axis\d*$/.test(key))]);
  for (const axis of axes) {
    update[`${axis}.gridcolor`] = grid;
    update[`${axis}.zerolinecolor`] = grid;
  }
  return update;
}

async function drawChart(chart) {
  const Plotly = await loadPlotly();
  const figure = JSON.parse(chart.querySelector("script[type='application/json']").textContent);
  const picture = chart.querySelector(".rosetta-chart__static");
  // The picture's height as the reader sees it, so that nothing below the chart moves.
  const height = picture?.getBoundingClientRect().height || figure.layout.height;
  picture?.remove();
  const layout = { ...figure.layout, height, autosize: true };
  await Plotly.newPlot(chart, figure.data, layout, { responsive: true, displaylogo: false });
  await Plotly.relayout(chart, paletteUpdate(layout));
}

// A chart becomes interactive once, the first time the reader points at it.
document$.subscribe(() => {
  for (const chart of document.querySelectorAll(".rosetta-chart")) {
    chart.addEventListener("pointerenter", () => drawChart(chart), { once: true });
  }
});

// A drawn chart whose tab was hidden while the window changed size: resize it when its tab is opened.
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
    window.Plotly.relayout(chart, paletteUpdate(chart.layout));
  }
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

// The digits classifier of "Run it in your browser": ONNX Runtime Web runs the build's ONNX file on
// what the reader draws, and on the test images bundled in the page, whose logits it compares with
// PyTorch's from the build. The markup, the cases and the tolerance are written by
// rosetta.digits.in_browser; the runtime is the site's own copy (rosetta.site.onnxruntime_web),
// imported only on the page that has the classifier, after that page has loaded.
const runtimeUrl = new URL("onnxruntime-web/ort.wasm.bundle.min.mjs", document.currentScript.src).href;
const SIDE = 8;
const INK = 16; // the darkest pixel; the model takes pixel / INK

function pageLoaded() {
  return document.readyState === "complete"
    ? Promise.resolve()
    : new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
}

async function startSession(modelUrl) {
  const ort = await import(runtimeUrl);
  ort.env.wasm.numThreads = 1; // more threads need a cross-origin-isolated page, which a static host cannot promise
  ort.env.wasm.proxy = true; // compile and run in a worker: the page stays responsive while 14 MB of WebAssembly compile
  const session = await ort.InferenceSession.create(modelUrl, { executionProviders: ["wasm"] });
  // Rows of pixels 0..INK in, rows of 10 logits out.
  return async (images) => {
    const input = Float32Array.from(images.flat(), (pixel) => pixel / INK);
    const feeds = { [session.inputNames[0]]: new ort.Tensor("float32", input, [images.length, SIDE * SIDE]) };
    const logits = (await session.run(feeds))[session.outputNames[0]].data;
    return images.map((_, row) => Array.from(logits.slice(row * 10, row * 10 + 10)));
  };
}

function softmax(logits) {
  const top = Math.max(...logits);
  const exps = logits.map((value) => Math.exp(value - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

const argmax = (values) => values.indexOf(Math.max(...values));

// As Python's format(x, ".1e") writes it, like the rest of the site: 4.8e-06, not 4.8e-6.
function scientific(value, digits) {
  const [mantissa, exponent] = value.toExponential(digits).split("e");
  return `${mantissa}e${exponent[0]}${exponent.slice(1).padStart(2, "0")}`;
}

function showCompared(widget, cases, browserLogits) {
  let largest = 0;
  let same = 0;
  browserLogits.forEach((row, index) => {
    const pytorch = cases.pytorch_logits[index];
    row.forEach((value, digit) => { largest = Math.max(largest, Math.abs(value - pytorch[digit])); });
    if (argmax(row) === argmax(pytorch)) same += 1;
  });
  const tolerance = Number(widget.dataset.tolerance);
  const parity = widget.querySelector(".rosetta-digits__parity");
  parity.dataset.largestDifference = largest;
  parity.dataset.sameDigit = same;
  parity.textContent = `Computed in your browser just now: on the ${browserLogits.length} bundled test images, `
    + `the largest difference between this browser's logits and PyTorch's is ${scientific(largest, 1)}, `
    + `${largest <= tolerance ? "within" : "over"} the tolerance of ${scientific(tolerance, 0)}; `
    + `the same digit is predicted for ${same} of ${browserLogits.length}.`;
}

function showPrediction(widget, image, logits) {
  const probabilities = softmax(logits);
  const best = argmax(probabilities);
  const prediction = widget.querySelector(".rosetta-digits__prediction");
  prediction.innerHTML = `Predicted digit: <strong>${best}</strong> (${(100 * probabilities[best]).toFixed(1)}%)`;
  prediction.dataset.pixels = image.join(","); // the drawing it is for: each change is classified in turn
  widget.querySelectorAll(".rosetta-digits__probabilities tbody tr").forEach((row, digit) => {
    row.classList.toggle("rosetta-digits__best", digit === best);
    row.querySelector(".rosetta-digits__bar").style.width = `${(80 * probabilities[digit]).toFixed(1)}%`; // room for the figure
    row.querySelector(".rosetta-digits__percent").textContent = `${(100 * probabilities[digit]).toFixed(1)}%`;
  });
}

// The grid: one toggle button per pixel, one of them in the tab order at a time (arrow keys move it).
function wireGrid(widget, onChange) {
  const cells = [...widget.querySelectorAll(".rosetta-digits__cell")];
  const pixels = new Array(SIDE * SIDE).fill(0);
  const paint = (index, value) => {
    pixels[index] = value;
    cells[index].style.setProperty("--ink", value / INK);
    cells[index].setAttribute("aria-pressed", value > 0 ? "true" : "false");
  };
  const setAll = (values) => { values.forEach((value, index) => paint(index, value)); onChange(pixels); };
  let drag = null; // while the pointer is down: the value it paints, where it started, and whether it moved on
  cells.forEach((cell, index) => cell.addEventListener("click", () => {
    if (drag?.moved) return; // the end of a stroke, already painted
    paint(index, pixels[index] > 0 ? 0 : INK);
    onChange(pixels);
  }));
  const grid = widget.querySelector(".rosetta-digits__grid");
  grid.addEventListener("keydown", (event) => {
    const from = cells.indexOf(document.activeElement);
    const row = Math.floor(from / SIDE);
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -SIDE, ArrowDown: SIDE, Home: -(from % SIDE), End: SIDE - 1 - (from % SIDE) };
    if (from < 0 || !(event.key in moves)) return;
    const to = from + moves[event.key];
    const sameRow = Math.floor(to / SIDE) === row;
    if (to < 0 || to >= cells.length || (["ArrowLeft", "ArrowRight"].includes(event.key) && !sameRow)) return;
    event.preventDefault();
    cells[from].tabIndex = -1;
    cells[to].tabIndex = 0;
    cells[to].focus();
  });
  // Drawing by dragging: every cell the pointer crosses, the first included, takes the value the first is toggled to.
  grid.addEventListener("pointerdown", (event) => {
    const index = cells.indexOf(event.target);
    drag = index >= 0 ? { value: pixels[index] > 0 ? 0 : INK, start: index, moved: false } : null;
  });
  grid.addEventListener("pointermove", (event) => {
    const index = cells.indexOf(document.elementFromPoint(event.clientX, event.clientY));
    if (!drag || !event.buttons || index < 0 || (index === drag.start && !drag.moved)) return;
    if (!drag.moved) paint(drag.start, drag.value);
    drag.moved = true;
    paint(index, drag.value);
    onChange(pixels);
  });
  // The click that ends a stroke comes after pointerup: forget the stroke once it has been ignored.
  grid.addEventListener("pointerup", () => setTimeout(() => { drag = null; }));
  for (const end of ["pointercancel", "pointerleave"]) grid.addEventListener(end, () => { drag = null; });
  return setAll;
}

async function runClassifier(widget) {
  const status = widget.querySelector(".rosetta-digits__status");
  const cases = JSON.parse(widget.querySelector(".rosetta-digits__cases").textContent);
  if (typeof WebAssembly !== "object") {
    status.textContent = "This browser has no WebAssembly (or it is turned off), so the model cannot run here; "
      + "what the build measured is under this block.";
    widget.classList.add("rosetta-digits--unavailable");
    return;
  }
  await pageLoaded();
  status.textContent = "Fetching ONNX Runtime Web and the model from this site...";
  let classify;
  try {
    classify = await startSession(new URL(widget.dataset.model, window.location.href).href);
  } catch (error) {
    status.textContent = `ONNX Runtime Web could not start in this browser: ${error.message}`;
    widget.classList.add("rosetta-digits--unavailable");
    return;
  }
  status.textContent = "Ready: ONNX Runtime Web runs the model in this browser (WebAssembly, one thread).";
  showCompared(widget, cases, await classify(cases.images));
  let pending = Promise.resolve();
  const setAll = wireGrid(widget, (pixels) => {
    const image = [...pixels];
    pending = pending.then(async () => showPrediction(widget, image, (await classify([image]))[0]));
  });
  const pick = widget.querySelector(".rosetta-digits__pick");
  pick.addEventListener("change", () => setAll(cases.images[Number(pick.value)]));
  widget.querySelector(".rosetta-digits__clear").addEventListener("click", () => setAll(new Array(SIDE * SIDE).fill(0)));
  setAll(cases.images[Number(pick.value)]);
  widget.dataset.ready = "true";
}

document$.subscribe(() => {
  const widget = document.getElementById("rosetta-digits");
  if (widget && !widget.dataset.started) {
    widget.dataset.started = "true";
    runClassifier(widget);
  }
});

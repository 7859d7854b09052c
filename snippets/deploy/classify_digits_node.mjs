// The ONNX file PyTorch exported, run by ONNX Runtime for Node.js: no Python involved.
// Run `python onnx_export_pytorch.py` first, in the same folder (it writes digits_mlp.onnx
// and digits_test.json), then `node classify_digits_node.mjs` (onnxruntime-node from npm).
import { readFileSync, writeFileSync } from "node:fs";
import * as ort from "onnxruntime-node";

const test = JSON.parse(readFileSync("digits_test.json", "utf8"));
const count = test.images.length;
const session = await ort.InferenceSession.create("digits_mlp.onnx", {
  intraOpNumThreads: 1,
});
const pixels = new ort.Tensor("float32", Float32Array.from(test.images.flat()), [
  count,
  64,
]);
const { logits } = await session.run({ pixels });

let largest = 0;
let agreeing = 0;
const argmax = (row) => row.indexOf(Math.max(...row));
for (let i = 0; i < count; i++) {
  const row = Array.from(logits.data.slice(i * 10, i * 10 + 10));
  const theirs = test.pytorch_logits[i];
  row.forEach((value, j) => {
    largest = Math.max(largest, Math.abs(value - theirs[j]));
  });
  agreeing += argmax(row) === argmax(theirs) ? 1 : 0;
}
writeFileSync("node_logits.json", JSON.stringify(Array.from(logits.data)));
console.log(`ONNX Runtime for Node.js ${ort.env.versions.common}, Node.js ${process.version}`);
console.log(`same digit as PyTorch: ${agreeing} of ${count}`);
console.log(`max |Node.js - PyTorch| = ${largest.toExponential(1)}`);

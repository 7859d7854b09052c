"""The runtimes of the Benchmarks page, each a class that builds a workload's model and its timed calls.

Keyed by the slugs of rosetta.vocabulary.RUNTIMES. A runtime runs in a benchmark process whose
threads were pinned before any framework was imported (scripts/workers/bench_worker.py).
"""

import os

from rosetta.bench.models import BATCH, batched, flax_model, keras_model, onnx_model, torch_model, whole_batches


class Runtime:
    """What each runtime provides; None where it cannot do a task (the page says why)."""

    train_steps = None  # (x, y) -> callable running one optimisation step per batch of x
    predict = None  # x -> callable running inference on x
    cannot_train = "inference only"
    cannot_predict = "training only: this model's inference is in its framework's other rows"
    workloads = ("linear", "mlp", "cnn")  # the models it is measured on

    def __init__(self, workload: str):
        self.workload = workload


# ---- PyTorch -----------------------------------------------------------------------------
class PyTorchEager(Runtime):
    compiled = False  # the forward pass, for inference
    compiled_step = False  # the whole training step

    def __init__(self, workload):
        import torch

        super().__init__(workload)
        self.torch, self.model = torch, torch_model(workload)
        self.forward = torch.compile(self.model) if self.compiled else self.model

    def train_steps(self, x, y):
        torch = self.torch
        optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        loss_fn = torch.nn.MSELoss() if self.workload == "linear" else torch.nn.CrossEntropyLoss()
        batches = [(torch.from_numpy(xb), torch.from_numpy(yb)) for xb, yb in batched(x, y)]

        def step(xb, yb):
            optimizer.zero_grad()
            loss_fn(self.model(xb), yb).backward()
            optimizer.step()
        step = torch.compile(step) if self.compiled_step else step

        def run():
            for xb, yb in batches:
                step(xb, yb)
        return run

    def predict(self, x):
        tensor = self.torch.from_numpy(x)

        def run():
            with self.torch.no_grad():
                return self.forward(tensor)
        return run


class TorchCompile(PyTorchEager):
    compiled = True
    train_steps = None
    cannot_train = "inference only: compiled training is the torch.compile training step row"


class TorchCompiledStep(PyTorchEager):
    """The whole step (forward, loss, backward, Adam's update) given to torch.compile; measured on the MLP."""

    compiled_step = True
    predict = None
    workloads = ("mlp",)


# ---- TensorFlow ----------------------------------------------------------------------------
class TensorFlowEager(Runtime):
    mode = "eager"

    def __init__(self, workload):
        import tensorflow as tf

        super().__init__(workload)
        self.tf, self.model = tf, keras_model(workload, tf.keras)
        wrap = {"eager": lambda f: f, "function": tf.function, "xla": lambda f: tf.function(f, jit_compile=True)}[self.mode]
        self.forward = wrap(lambda x: self.model(x, training=False))
        optimizer = tf.keras.optimizers.Adam(1e-3)
        loss_fn = tf.keras.losses.MeanSquaredError() if workload == "linear" else tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

        def step(xb, yb):
            with tf.GradientTape() as tape:
                loss = loss_fn(yb, self.model(xb, training=True))
            optimizer.apply_gradients(zip(tape.gradient(loss, self.model.trainable_variables), self.model.trainable_variables))
        self.step = wrap(step)

    def train_steps(self, x, y):
        batches = [(self.tf.constant(xb), self.tf.constant(yb)) for xb, yb in batched(x, y)]

        def run():
            for xb, yb in batches:
                self.step(xb, yb)
        return run

    def predict(self, x):
        tensor = self.tf.constant(x)
        return lambda: self.forward(tensor).numpy()


class TensorFlowFunction(TensorFlowEager):
    mode = "function"


class TensorFlowXla(TensorFlowEager):
    mode = "xla"


class LiteRT(Runtime):
    def __init__(self, workload):
        import tensorflow as tf
        from ai_edge_litert.interpreter import Interpreter

        super().__init__(workload)
        model = keras_model(workload, tf.keras)
        converter = tf.lite.TFLiteConverter.from_concrete_functions(
            [tf.function(model).get_concrete_function(tf.TensorSpec([None, *model.input_shape[1:]], tf.float32))], model
        )
        self.interpreter = Interpreter(model_content=converter.convert(), num_threads=int(os.environ["OMP_NUM_THREADS"]))

    def predict(self, x):
        given, taken = self.interpreter.get_input_details()[0], self.interpreter.get_output_details()[0]
        self.interpreter.resize_tensor_input(given["index"], list(x.shape))
        self.interpreter.allocate_tensors()

        def run():
            self.interpreter.set_tensor(given["index"], x)
            self.interpreter.invoke()
            return self.interpreter.get_tensor(taken["index"])
        return run


# ---- Keras 3 on any backend ----------------------------------------------------------------
class KerasFitPredict(Runtime):
    jit_compile = "auto"  # Keras's default: XLA on JAX; on TensorFlow only with an accelerator; eager on PyTorch

    def __init__(self, workload):
        import keras

        super().__init__(workload)
        self.model = keras_model(workload, keras)
        loss = "mse" if workload == "linear" else keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        self.model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss, jit_compile=self.jit_compile)

    def train_steps(self, x, y):
        x, y = whole_batches(x, y)  # the batches of every other runtime's epoch
        return lambda: self.model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0, shuffle=False)

    def predict(self, x):
        return lambda: self.model.predict(x, batch_size=len(x), verbose=0)


class KerasFitCompiled(KerasFitPredict):
    """fit with jit_compile=True: XLA on TensorFlow, torch.compile on PyTorch; measured on the MLP."""

    jit_compile = True
    predict = None
    workloads = ("mlp",)


class KerasCall(KerasFitPredict):
    train_steps = None
    cannot_train = "training is model.fit: see the fit/predict row"

    def predict(self, x):
        import keras

        return lambda: keras.ops.convert_to_numpy(self.model(x, training=False))


# ---- JAX -------------------------------------------------------------------------------------
class JaxJit(Runtime):
    """Flax NNX with optax's Adam, the step and the forward pass compiled by jax.jit (nnx.jit)."""

    def __init__(self, workload):
        import optax
        from flax import nnx

        super().__init__(workload)
        self.model = flax_model(workload)
        self.optimizer = nnx.Optimizer(self.model, optax.adam(1e-3), wrt=nnx.Param)

        def loss_fn(model, xb, yb):
            out = model(xb)
            if workload == "linear":
                return ((out - yb) ** 2).mean()
            return optax.softmax_cross_entropy_with_integer_labels(out, yb).mean()

        def step(model, optimizer, xb, yb):
            loss, grads = nnx.value_and_grad(loss_fn)(model, xb, yb)
            optimizer.update(model, grads)
            return loss
        self.step, self.forward = nnx.jit(step), nnx.jit(lambda model, x: model(x))

    def train_steps(self, x, y):
        import jax.numpy as jnp

        batches = [(jnp.asarray(xb), jnp.asarray(yb)) for xb, yb in batched(x, y)]

        def run():
            for xb, yb in batches:
                loss = self.step(self.model, self.optimizer, xb, yb)
            loss.block_until_ready()  # JAX dispatches asynchronously: wait for the last step
        return run

    def predict(self, x):
        import jax.numpy as jnp

        array = jnp.asarray(x)
        return lambda: self.forward(self.model, array).block_until_ready()


# ---- ONNX Runtime --------------------------------------------------------------------------
def ort_session(model):
    """An ONNX Runtime session on this process's thread setting, its threads not spinning when idle."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = int(os.environ["OMP_NUM_THREADS"])
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-waiting threads
    return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


class OnnxRuntime(Runtime):
    def __init__(self, workload):
        super().__init__(workload)
        self.session = ort_session(onnx_model(workload))

    def predict(self, x):
        return lambda: self.session.run(None, {"x": x})[0]


RUNTIMES = {
    "pytorch": PyTorchEager, "torch-compile": TorchCompile, "torch-compile-step": TorchCompiledStep,
    "tf-eager": TensorFlowEager, "tf-function": TensorFlowFunction, "tf-xla": TensorFlowXla, "litert": LiteRT,
    "keras-tf-fit": KerasFitPredict, "keras-tf-fit-jit": KerasFitCompiled, "keras-tf-call": KerasCall,
    "keras-torch-fit": KerasFitPredict, "keras-torch-fit-jit": KerasFitCompiled, "keras-torch-call": KerasCall,
    "keras-jax-fit": KerasFitPredict, "keras-jax-call": KerasCall, "jax-jit": JaxJit,
    "onnxruntime": OnnxRuntime,
}

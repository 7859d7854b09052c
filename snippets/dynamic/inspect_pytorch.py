"""Debugging in PyTorch: look at intermediate tensors while the forward pass runs."""

import torch

torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(8, 16), torch.nn.ReLU(),
    torch.nn.Linear(16, 16), torch.nn.ReLU(),
    torch.nn.Linear(16, 2),
)


def report(module, inputs, output):
    """A forward hook: called with each layer's output, as an ordinary Python
    function."""
    dead = (output == 0).float().mean().item()
    print(f"{module.__class__.__name__:6} output {tuple(output.shape)}  "
          f"mean {output.mean():+.3f}  zeros {dead:.0%}")


hooks = [layer.register_forward_hook(report) for layer in model]
logits = model(torch.randn(4, 8))
for hook in hooks:
    hook.remove()

# Or simply step through it: every line is Python, so print() or breakpoint() works
# mid-forward.
hidden = model[1](model[0](torch.randn(4, 8)))
print("after the first ReLU, the largest activation is", round(hidden.max().item(), 3))

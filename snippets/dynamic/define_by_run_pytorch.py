"""Define-by-run: the graph PyTorch differentiates is whatever Python ran this time.

The forward pass below applies its layer until the activations' norm is under 1, so the
number of layers depends on the input: a plain Python while loop, no graph declared
ahead.
"""

import torch

torch.manual_seed(0)


class ShrinkUntilSmall(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(4, 4, bias=False)
        # Roughly halves its input, so big inputs need more applications.
        with torch.no_grad():
            self.layer.weight.copy_(0.5 * torch.eye(4) + 0.01 * torch.randn(4, 4))

    def forward(self, x):
        x, steps = self.layer(x), 1
        while x.norm() > 1.0:  # data-dependent control flow: an ordinary Python loop
            x, steps = self.layer(x), steps + 1
        return x, steps


model = ShrinkUntilSmall()
for scale in (0.1, 5.0, 50.0):
    x = torch.full((1, 4), scale)
    output, steps = model(x)
    output.sum().backward()  # gradients flow through exactly the steps that ran
    print(f"input scale {scale:5}: {steps} layer applications, "
          f"gradient norm {model.layer.weight.grad.norm():.4f}")
    model.zero_grad()

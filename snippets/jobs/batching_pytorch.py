"""Data loading and batching in PyTorch: a Dataset holds samples, a DataLoader shuffles
and batches them."""

import torch
from torch.utils.data import DataLoader, TensorDataset

features = torch.arange(100 * 3, dtype=torch.float32).reshape(100, 3)
labels = torch.arange(100) % 2
loader = DataLoader(TensorDataset(features, labels), batch_size=32, shuffle=True,
                    generator=torch.Generator().manual_seed(0))

print("batches per epoch:", len(loader))
for batch_features, batch_labels in loader:
    print("features", tuple(batch_features.shape), "labels", tuple(batch_labels.shape))

"""Data-parallel training with PyTorch DDP: 2 processes on this machine (gloo), checked
against 1 process.

Each process trains on its own shard of every global batch of 64; DDP averages the
gradients, so both processes end with the same weights, and those are the weights one
process gets when it trains on the whole batch.
"""

import os
import socket
import tempfile
from datetime import timedelta

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from sklearn.datasets import load_digits
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

WORLD_SIZE, GLOBAL_BATCH, EPOCHS, TOLERANCE = 2, 64, 3, 1e-5


def digits() -> TensorDataset:
    data = load_digits()
    # Whole batches only: no padding.
    count = len(data.target) // GLOBAL_BATCH * GLOBAL_BATCH
    pixels = torch.tensor(data.data[:count] / 16.0, dtype=torch.float32)
    return TensorDataset(pixels, torch.tensor(data.target[:count]))


def new_model() -> torch.nn.Module:
    torch.manual_seed(0)  # the same initial weights in every process
    return torch.nn.Sequential(
        torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10)
    )


def train(model, loader, sampler=None) -> None:
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(EPOCHS):
        if sampler:
            sampler.set_epoch(epoch)
        for pixels, labels in loader:
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(pixels), labels)
            loss.backward()  # DDP all-reduces here
            optimizer.step()


def flat_weights(model) -> np.ndarray:
    return torch.cat([p.detach().flatten() for p in model.parameters()]).numpy()


def worker(rank: int, port: int, results: str) -> None:
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port),
                      GLOO_SOCKET_IFNAME="lo")
    dist.init_process_group("gloo", rank=rank, world_size=WORLD_SIZE,
                            timeout=timedelta(seconds=60))
    dataset = digits()
    sampler = DistributedSampler(dataset, num_replicas=WORLD_SIZE, rank=rank,
                                 shuffle=False)
    shard = list(sampler)
    report = (f"rank {rank}: {len(shard)} of {len(dataset)} samples, "
              f"indices {shard[:3]}...{shard[-1]}")
    model = DistributedDataParallel(new_model())
    loader = DataLoader(dataset, batch_size=GLOBAL_BATCH // WORLD_SIZE, sampler=sampler)
    train(model, loader, sampler)
    np.save(os.path.join(results, f"rank{rank}.npy"), flat_weights(model.module))
    # Printed in rank order below.
    with open(os.path.join(results, f"rank{rank}.txt"), "w") as file:
        file.write(report)
    dist.destroy_process_group()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as results:
        # spawn starts fresh interpreters; if one fails, it stops the other and raises
        # here.
        mp.spawn(worker, args=(free_port(), results), nprocs=WORLD_SIZE, join=True)
        for rank in range(WORLD_SIZE):
            with open(os.path.join(results, f"rank{rank}.txt")) as file:
                print(file.read())
        ranks = [np.load(os.path.join(results, f"rank{rank}.npy"))
                 for rank in range(WORLD_SIZE)]

    single = new_model()
    train(single, DataLoader(digits(), batch_size=GLOBAL_BATCH, shuffle=False))
    between_ranks = float(np.abs(ranks[0] - ranks[1]).max())
    versus_single = float(np.abs(ranks[0] - flat_weights(single)).max())
    print(f"max |rank 0 - rank 1| = {between_ranks:.1e}")
    print(f"max |DDP - single process| = {versus_single:.1e} "
          f"(tolerance {TOLERANCE:.0e})")
    if between_ranks != 0.0 or versus_single > TOLERANCE:
        raise SystemExit("distributed training did not compute what single-process "
                         "training computes")

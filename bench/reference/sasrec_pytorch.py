#!/usr/bin/env python3
"""SASRec with the P1 Beauty settings in PyTorch: the reference that `llmseqrec train --model sasrec` is timed against.

The same spec as the C# model (issue 4, ../shared/paper/README.md 4.3-4.4): the last N = 20 items left-padded with
the mask id, item + learned positional embeddings, dropout, one pre-LN causal self-attention layer (Keras
MultiHeadAttention layout, no padding mask) and feed-forward network, a Dense(emb, ReLU) head tied to the item table
with a bias, full-softmax cross-entropy at the non-padding positions only, AdamW (epsilon 1e-7), per-tensor gradient
clipping by norm, batches of 128, an inner validation of 500 held-out train sessions. As in the C# model, the last
layer runs its output projection and feed-forward network only at the target positions.

It times training epochs (it runs no inner validation; the C# trainer leaves it out of its epoch time too) and prints
one line per epoch. With --head-chunk-rows R the logits go through the loss R rows at a time, each chunk's backward
before the next (as the C# head does); 0, the default, is the usual whole-batch cross-entropy.
Usage: sasrec_pytorch.py --dataset <prepared dataset folder> [--epochs 3] [--seed 42] [--threads 2] [--head-chunk-rows 0]
Needs PyTorch and numpy (Debian 12: apt-get install python3-torch, PyTorch 1.13 on the system's libblas.so.3:
install OpenBLAS or MKL, the reference BLAS is far slower). bench/sasrec-vs-pytorch.sh runs it next to ours.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

N, EMB, DROPOUT, LR, CLIP, BATCH = 20, 320, 0.3, 1e-3, 100.0, 128


def load_train_sequences(folder):
    """The train sessions of a prepared dataset (the first counts.trainSessions of sessions.jsonl), as model ids."""
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        train_count = json.load(f)["counts"]["trainSessions"]
    sessions = []
    with open(os.path.join(folder, "sessions.jsonl"), encoding="utf-8") as f:
        for line_number, line in enumerate(f, 1):
            if len(sessions) == train_count:
                break
            try:
                sessions.append(json.loads(line)["items"])
            except (ValueError, KeyError) as error:
                sys.exit(f"{folder}/sessions.jsonl line {line_number}: {error}")
    items = sorted({item for session in sessions for item in session})
    model_id = {item: i for i, item in enumerate(items)}
    return [[model_id[item] for item in session] for session in sessions if len(session) >= 2], len(items)


class Attention(nn.Module):
    """Keras MultiHeadAttention with one head: biased query/key/value/output projections, causal."""

    def __init__(self, emb):
        super().__init__()
        self.query, self.key, self.value, self.output = (nn.Linear(emb, emb) for _ in range(4))
        self.scale = 1.0 / math.sqrt(emb)
        self.register_buffer("future", torch.triu(torch.ones(N, N, dtype=torch.bool), diagonal=1), persistent=False)

    def attend(self, x):
        scores = self.query(x).mul(self.scale) @ self.key(x).transpose(1, 2)
        return scores.masked_fill(self.future, float("-inf")).softmax(-1) @ self.value(x)


class SasRec(nn.Module):
    def __init__(self, items):
        super().__init__()
        self.items = items
        self.item_embeddings = nn.Parameter(torch.empty(items + 1, EMB).uniform_(-0.05, 0.05))
        self.position_embeddings = nn.Parameter(torch.empty(N, EMB).uniform_(-0.05, 0.05))
        self.attention_norm, self.feed_forward_norm = nn.LayerNorm(EMB), nn.LayerNorm(EMB)
        self.attention = Attention(EMB)
        self.feed_forward_in, self.feed_forward_out = nn.Linear(EMB, EMB), nn.Linear(EMB, EMB)
        self.head = nn.Linear(EMB, EMB)
        self.bias = nn.Parameter(torch.zeros(items))
        self.dropout = nn.Dropout(DROPOUT)

    def hidden_at(self, inputs, positions):
        x = self.dropout(F.embedding(inputs, self.item_embeddings) + self.position_embeddings)
        attended = self.attention.attend(self.attention_norm(x)).reshape(-1, EMB)[positions]
        x = x.reshape(-1, EMB)[positions] + self.dropout(self.attention.output(attended))
        feed_forward = self.feed_forward_out(F.relu(self.feed_forward_in(self.feed_forward_norm(x))))
        return x + self.dropout(feed_forward)

    def loss_backward(self, inputs, positions, targets, chunk_rows):
        """The mean loss, its gradients accumulated; with chunk_rows > 0 the logits go in chunks of that many rows."""
        features = F.relu(self.head(self.hidden_at(inputs, positions)))
        if chunk_rows <= 0:
            loss = F.cross_entropy(F.linear(features, self.item_embeddings[: self.items], self.bias), targets)
            loss.backward()
            return loss.item()
        detached, total = features.detach().requires_grad_(), 0.0
        for start in range(0, len(targets), chunk_rows):
            rows = slice(start, start + chunk_rows)
            logits = F.linear(detached[rows], self.item_embeddings[: self.items], self.bias)
            loss = F.cross_entropy(logits, targets[rows], reduction="sum") / len(targets)
            loss.backward()
            total += loss.item()
        features.backward(detached.grad)
        return total


def batch(sequences, mask):
    inputs = np.full((len(sequences), N + 1), mask, dtype=np.int64)
    for row, sequence in enumerate(sequences):
        tail = sequence[-(N + 1):]
        inputs[row, N + 1 - len(tail):] = tail
    positions = np.flatnonzero(inputs[:, :N] != mask)
    return torch.from_numpy(inputs[:, :N].copy()), torch.from_numpy(positions), torch.from_numpy(inputs[:, 1:].reshape(-1)[positions])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--head-chunk-rows", type=int, default=0, help="logits in chunks of this many rows (0: whole batch)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    sequences, items = load_train_sequences(args.dataset)
    random.Random(args.seed).shuffle(sequences)
    train = sequences[min(500, len(sequences) // 10):]
    model = SasRec(items)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR, eps=1e-7, weight_decay=0.0, foreach=True)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {len(train)} train sequences, {items} items", file=sys.stderr)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = list(range(len(train)))
        random.Random(args.seed * 1_000_003 + epoch).shuffle(order)
        start, loss_sum, steps = time.perf_counter(), 0.0, 0
        for first in range(0, len(order), BATCH):
            inputs, positions, targets = batch([train[i] for i in order[first:first + BATCH]], items)
            optimizer.zero_grad(set_to_none=True)
            loss = model.loss_backward(inputs, positions, targets, args.head_chunk_rows)
            for parameter in model.parameters():
                torch.nn.utils.clip_grad_norm_(parameter, CLIP)
            optimizer.step()
            loss_sum, steps = loss_sum + loss, steps + 1
        seconds = time.perf_counter() - start
        print(f"epoch {epoch}: loss {loss_sum / steps:.4f}, {seconds:.1f} s, {len(train) / seconds:.0f} seq/s", flush=True)


if __name__ == "__main__":
    main()

"""Node positions for the HTML page, computed in the build so the browser never runs physics.

vis-network's physics needs minutes to settle a few thousand nodes, and networkx's spring and
ForceAtlas2 layouts compare every pair of nodes (spring_layout: 53 s at 5,000 nodes, and it needs
scipy above 500). This is a force layout in numpy: Fruchterman-Reingold attraction along edges (the
square of the length, so edge lengths stay even) and ForceAtlas2's repulsion weighted by degree (hubs
get room for their neighbours). Components up to EXACT_LIMIT nodes get exact pairwise repulsion;
bigger ones get it on a grid with FFTs (particle-mesh, as in FIt-SNE), so an iteration costs
O(n + G² log G) instead of O(n²): about 0.5 s for 5,000 nodes and 15,000 edges, 2.5 s for 20,000.
Each connected component is laid out on its own, turned landscape, and the components are packed in
rows, largest first, lone nodes last. Everything is seeded and ordered: same graph, same positions.
"""
from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

EXACT_LIMIT = 600  # components up to this size get exact pairwise repulsion
REPULSION = 1.0  # ForceAtlas2's k_r
GRAVITY = 0.05  # keeps loosely attached parts from drifting away
EDGE_LENGTH = 100.0  # page units (roughly pixels at zoom 1) per layout unit: a typical edge
MIN_GAP = 0.75  # at least 90 % of nodes keep this distance (layout units) to their nearest neighbour
MAX_SPREAD = 1.6  # … but a small component grows at most this much for it
MEDIAN_GAP = 0.9  # in a big component, the typical distance (layout units) from a node to its nearest neighbour
LONE_BOX = (165.0, 55.0)  # page units around a node without edges: room for its label
MARGIN = 80.0  # page units around a component


def layout(graph: nx.Graph, seed: int = 7, scale: float = EDGE_LENGTH) -> dict[Hashable, tuple[float, float]]:
    """Positions (x, y) for every node, in page units; deterministic for a given graph and seed."""
    nodes = sorted(graph.nodes, key=str)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    weights: dict[tuple[int, int], float] = {}
    for u, v in graph.edges():
        a, b = index[u], index[v]
        if a != b:
            pair = (a, b) if a < b else (b, a)
            weights[pair] = weights.get(pair, 0.0) + 1.0
    simple = nx.Graph()
    simple.add_nodes_from(range(len(nodes)))
    simple.add_edges_from(weights)
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    component_of: dict[int, int] = {}
    local: dict[int, int] = {}
    for c, members in enumerate(components):
        for i, node in enumerate(members):
            component_of[node], local[node] = c, i
    pairs: list[list[tuple[int, int, float]]] = [[] for _ in components]
    for (a, b), w in sorted(weights.items()):
        pairs[component_of[a]].append((local[a], local[b], w))
    rng = np.random.default_rng(seed)
    placed = [(members, component_layout(len(members), pairs[c], rng)) for c, members in enumerate(components)]
    positions = pack([(members, pos * scale) for members, pos in placed], len(nodes))
    return {nodes[i]: (round(float(x), 1), round(float(y), 1)) for i, (x, y) in enumerate(positions)}


def component_layout(n: int, pairs: list[tuple[int, int, float]], rng: np.random.Generator) -> np.ndarray:
    """Positions (n × 2, centred on 0) of one connected component, about one unit per edge."""
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    src = np.array([p[0] for p in pairs], dtype=np.int64)
    dst = np.array([p[1] for p in pairs], dtype=np.int64)
    w = np.log1p(np.array([p[2] for p in pairs]))  # parallel edges pull harder, but not linearly
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    mass = degree + 1.0
    # start on a disc whose area grows with n, so the forces only have to untangle, not to spread
    radius = math.sqrt(n) * 0.8
    angle = rng.uniform(0, 2 * math.pi, n)
    r = radius * np.sqrt(rng.uniform(0, 1, n))
    pos = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    iterations = 300 if n <= 60 else 200 if n <= EXACT_LIMIT else 150
    repulse = exact_repulsion if n <= EXACT_LIMIT else grid_repulsion
    step = radius / 4
    for it in range(iterations):
        force = REPULSION * repulse(pos, mass)
        delta = pos[dst] - pos[src]
        pull = delta * (w * np.hypot(delta[:, 0], delta[:, 1]))[:, None]
        force[:, 0] += np.bincount(src, pull[:, 0], n) - np.bincount(dst, pull[:, 0], n)
        force[:, 1] += np.bincount(src, pull[:, 1], n) - np.bincount(dst, pull[:, 1], n)
        force -= GRAVITY * mass[:, None] * (pos - pos.mean(axis=0))
        # cool linearly: big moves early, small corrections at the end; heavy nodes move less
        limit = step * (1 - it / iterations) + 0.01
        length = np.hypot(force[:, 0], force[:, 1]) / mass
        factor = np.minimum(1.0, limit / np.maximum(length, 1e-9)) / mass
        pos += force * factor[:, None]
    pos -= pos.mean(axis=0)
    pos = landscape(pos)
    # the forces set their own scale; rescale so a typical edge is one unit long
    lengths = np.hypot(*(pos[dst] - pos[src]).T)
    pos /= max(float(np.median(lengths)), 1e-6)
    # nodes drawn with their labels need room: spread a crowded layout (a dense core of hubs; in a big
    # component, edges much longer than the gaps between nodes)
    gaps = nearest_gaps(pos)
    if n <= EXACT_LIMIT:
        pos *= min(MAX_SPREAD, max(1.0, MIN_GAP / max(float(np.percentile(gaps, 10)), 1e-6)))
    else:
        pos *= max(1.0, MEDIAN_GAP / max(float(np.median(gaps)), 1e-6))
    return pos


def nearest_gaps(pos: np.ndarray, sample: int = 800, chunk: int = 200) -> np.ndarray:
    """Distance to the nearest other node, for every node or an evenly spaced sample of them."""
    probes = pos[:: max(1, len(pos) // sample)]
    gaps = []
    for start in range(0, len(probes), chunk):
        block = probes[start:start + chunk]
        d2 = ((block[:, None, :] - pos[None, :, :]) ** 2).sum(axis=-1)
        d2[d2 == 0] = np.inf  # the probe itself (and exact duplicates, which are rare)
        gaps.append(np.sqrt(d2.min(axis=1)))
    return np.concatenate(gaps)


def landscape(pos: np.ndarray) -> np.ndarray:
    """Rotate a centred layout so its longest extent is horizontal (screens are wider than tall)."""
    _, vectors = np.linalg.eigh(pos.T @ pos)
    turned = pos @ vectors[:, ::-1]  # principal axis first
    # the sign of an eigenvector is arbitrary: fix it by the skew, so the result is deterministic
    signs = np.where((turned ** 3).sum(axis=0) < 0, -1.0, 1.0)
    return turned * signs


def exact_repulsion(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    diff = pos[:, None, :] - pos[None, :, :]
    d2 = (diff ** 2).sum(axis=-1) + 0.01
    coef = mass[:, None] * mass[None, :] / d2
    np.fill_diagonal(coef, 0.0)
    return (diff * coef[..., None]).sum(axis=1)


KERNELS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def grid_kernels(size: int) -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the repulsion kernel d/|d|² on a (2·size)² grid, in cell units (cached per size)."""
    if size not in KERNELS:
        offsets = np.fft.fftfreq(2 * size, 1 / (2 * size))  # 0, 1, …, size-1, -size, …, -1
        dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
        d2 = dx ** 2 + dy ** 2 + 0.5  # softened: nodes in the same cell still push apart a little
        KERNELS[size] = (np.fft.rfft2(dx / d2), np.fft.rfft2(dy / d2))
    return KERNELS[size]


def grid_repulsion(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Degree-weighted repulsion from every node, approximated on a grid (cloud-in-cell + FFT convolution)."""
    n = len(pos)
    size = 64 if n < 2000 else 128 if n < 12000 else 256
    low = pos.min(axis=0)
    cell = max(float((pos.max(axis=0) - low).max()), 1e-6) / (size - 3)
    coords = (pos - low) / cell + 1.0
    corner = np.floor(coords).astype(np.int64)
    frac = coords - corner
    spots = []
    for ox, oy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        weight = (frac[:, 0] if ox else 1 - frac[:, 0]) * (frac[:, 1] if oy else 1 - frac[:, 1])
        spots.append(((corner[:, 0] + ox) * 2 * size + corner[:, 1] + oy, weight))
    density = np.zeros(4 * size * size)
    for flat, weight in spots:
        density += np.bincount(flat, weight * mass, 4 * size * size)
    spectrum = np.fft.rfft2(density.reshape(2 * size, 2 * size))
    kx, ky = grid_kernels(size)
    field_x = np.fft.irfft2(spectrum * kx, s=(2 * size, 2 * size)).ravel()
    field_y = np.fft.irfft2(spectrum * ky, s=(2 * size, 2 * size)).ravel()
    force = np.zeros((n, 2))
    for flat, weight in spots:
        force[:, 0] += field_x[flat] * weight
        force[:, 1] += field_y[flat] * weight
    return force * (mass / cell)[:, None]


def pack(placed: list[tuple[list[int], np.ndarray]], total: int) -> np.ndarray:
    """Place component layouts in rows (largest first) inside a roughly square area."""
    positions = np.zeros((total, 2))
    boxes = []
    for members, pos in placed:
        low, high = pos.min(axis=0), pos.max(axis=0)
        margin = np.array(LONE_BOX) if len(members) == 1 else np.array([MARGIN, MARGIN])
        boxes.append((members, pos - low + margin / 2, high - low + margin))
    area = sum(float(size[0] * size[1]) for _, _, size in boxes)
    width = max(math.sqrt(area), max(float(size[0]) for _, _, size in boxes))
    x = y = row_height = 0.0
    for members, pos, size in boxes:
        if x > 0 and x + size[0] > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        positions[members] = pos + np.array([x, y])
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    return positions - positions.mean(axis=0)

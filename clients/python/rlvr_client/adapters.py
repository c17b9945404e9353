"""Adapters that make rlvr-server look like each trainer's own reward function.

TRL (``GRPOTrainer(reward_funcs=[...])``): TRL calls every reward function as
``f(prompts=..., completions=..., completion_ids=..., **columns)`` where ``columns`` holds every
other dataset column as a list (one entry per completion) plus extras such as ``trainer_state``.
It turns ``None`` into NaN and ignores it when combining several reward functions, so we return
``None`` for items the server could not grade (never a silent 0).

verl (``custom_reward_function.path`` / ``.name``): the naive reward manager calls
``compute_score(data_source=..., solution_str=..., ground_truth=..., extra_info=...)`` per sample
and accepts a float or a dict with ``score`` plus extra keys (logged per component); the batch
reward manager calls ``compute_score(data_sources=..., solution_strs=..., ground_truths=...,
extra_infos=...)`` once and expects a list. verl cannot mask a missing reward, so by default an
item the server could not grade raises :class:`RLVRItemError` (``on_error="raise"``); pass
``on_error="zero"`` to score it 0 knowingly.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Union

from .client import RLVRClient, RLVRError, Weights

REFERENCE_COLUMNS = ("reference", "answer", "ground_truth", "solution")
_clients: Dict[str, RLVRClient] = {}


class RLVRItemError(RLVRError):
    """The server answered but could not grade an item (verdict ``error``/``invalid_reference``)."""


def _shared_client(url: Optional[str]) -> RLVRClient:
    key = url or os.environ.get("RLVR_URL") or ""
    if key not in _clients:
        _clients[key] = RLVRClient(url)
    return _clients[key]


def message_text(x: Any) -> str:
    """Text of a TRL prompt/completion: a plain string, or the content of the last message of a
    conversational one (``[{"role": "assistant", "content": "..."}]``; content parts joined)."""
    if isinstance(x, str):
        return x
    if isinstance(x, Mapping):
        c = x.get("content", "")
        if isinstance(c, list):
            return "".join(p.get("text", "") if isinstance(p, Mapping) else str(p) for p in c)
        return str(c)
    if isinstance(x, Sequence) and len(x) > 0:
        return message_text(x[-1])
    return ""


def infer_task(data_source: Optional[str], ground_truth: Any, extra_info: Any = None) -> str:
    """Our ``task`` for a verl sample: ``extra_info["task"]`` when present, ``countdown`` for
    TinyZero-style sources, ``code`` for structured ground truths with tests, else ``math``."""
    if isinstance(extra_info, Mapping) and isinstance(extra_info.get("task"), str):
        return extra_info["task"]
    src = (data_source or "").lower()
    if "countdown" in src:
        return "countdown"
    if isinstance(ground_truth, Mapping) and ("tests" in ground_truth or "test_cases" in ground_truth):
        return "code"
    return "math"


def make_trl_reward(
    *,
    url: Optional[str] = None,
    client: Optional[RLVRClient] = None,
    task: str = "math",
    reference_column: Optional[str] = None,
    weights: Optional[Weights] = None,
    name: str = "rlvr_reward",
    send_prompt: bool = True,
) -> Callable[..., List[Optional[float]]]:
    """Build a TRL ``reward_funcs`` entry backed by ``POST /reward``.

    Args:
        url / client: the server (default ``$RLVR_URL`` or ``http://127.0.0.1:8000``).
        task: our task for every row, unless the dataset has a ``task`` column.
        reference_column: dataset column holding the reference; default: the first of
            ``reference``, ``answer``, ``ground_truth``, ``solution`` present.
        weights: component weights or a preset name (``"r1"``); default accuracy only.
        name: the function's ``__name__``, which TRL uses as the metric name.
        send_prompt: send the prompt text (used e.g. for the language-consistency target).

    Returns:
        ``f(prompts, completions, completion_ids=None, **columns) -> list[float | None]``.
    """
    cl = client or _shared_client(url)

    def reward_func(prompts: Sequence[Any], completions: Sequence[Any], completion_ids: Any = None, **columns: Any):
        n = len(completions)
        col = reference_column or next((c for c in REFERENCE_COLUMNS if c in columns), None)
        if col is None or col not in columns:
            raise KeyError(f"no reference column among {list(columns)} (set reference_column=)")
        refs = columns[col]
        tasks = columns.get("task")
        items = []
        for i in range(n):
            ref = refs[i]
            item: Dict[str, Any] = {
                "id": str(i),
                "task": tasks[i] if isinstance(tasks, (list, tuple)) and tasks[i] else task,
                "completion": message_text(completions[i]),
                "reference": ref if isinstance(ref, (str, dict)) else json.dumps(ref) if ref is not None else "",
            }
            if send_prompt and prompts is not None and i < len(prompts):
                item["prompt"] = message_text(prompts[i])
            items.append(item)
        reply = cl.reward(items, weights=weights)
        return [r if isinstance(r, (int, float)) else None for r in reply["rewards"]]

    reward_func.__name__ = name
    reward_func.__qualname__ = name
    return reward_func


def _verl_item(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any) -> Dict[str, Any]:
    item: Dict[str, Any] = {
        "task": infer_task(data_source, ground_truth, extra_info),
        "completion": solution_str,
        "reference": ground_truth if isinstance(ground_truth, (str, dict)) else str(ground_truth),
    }
    if isinstance(extra_info, Mapping) and isinstance(extra_info.get("prompt"), str):
        item["prompt"] = extra_info["prompt"]
    return item


def _verl_value(result: Mapping[str, Any], return_dict: bool, on_error: str) -> Union[float, Dict[str, float]]:
    reward = result.get("reward")
    if not isinstance(reward, (int, float)):
        if on_error != "zero":
            err = result.get("error") or {}
            raise RLVRItemError(f"item {result.get('id')}: {result.get('verdict')} {err.get('code', '')} {err.get('message', '')}")
        reward = 0.0
    if not return_dict:
        return float(reward)
    out: Dict[str, float] = {"score": float(reward)}
    for k, v in (result.get("components") or {}).items():
        out[k] = float(v) if isinstance(v, (int, float)) else 0.0
    out["correct"] = 1.0 if result.get("verdict") in ("correct", "Accepted") else 0.0
    return out


def verl_compute_score(
    data_source: Any,
    solution_str: str,
    ground_truth: Any,
    extra_info: Any = None,
    *,
    url: Optional[str] = None,
    weights: Optional[Weights] = None,
    return_dict: bool = False,
    on_error: str = "raise",
    **_: Any,
) -> Union[float, Dict[str, float]]:
    """verl ``compute_score`` for one sample. Extra keyword arguments come from verl's
    ``custom_reward_function.reward_kwargs`` (``url``, ``weights``, ``return_dict``, ``on_error``).

    Returns the reward, or with ``return_dict=True`` ``{"score", <component>..., "correct"}``
    (same keys for every sample, as verl requires)."""
    reply = _shared_client(url).reward([_verl_item(data_source, solution_str, ground_truth, extra_info)], weights)
    return _verl_value(reply["results"][0], return_dict, on_error)


def verl_compute_score_batch(
    data_sources: Sequence[Any],
    solution_strs: Sequence[str],
    ground_truths: Sequence[Any],
    extra_infos: Optional[Sequence[Any]] = None,
    *,
    url: Optional[str] = None,
    weights: Optional[Weights] = None,
    return_dict: bool = False,
    on_error: str = "raise",
    **_: Any,
) -> List[Union[float, Dict[str, float]]]:
    """verl batch form (``reward_model.reward_manager=batch``): one call for the whole batch,
    sent in ``batch_size`` chunks. Same options and values as :func:`verl_compute_score`."""
    infos = list(extra_infos) if extra_infos is not None else [None] * len(solution_strs)
    items = [
        _verl_item(ds, s, gt, ei) for ds, s, gt, ei in zip(data_sources, solution_strs, ground_truths, infos)
    ]
    reply = _shared_client(url).reward(items, weights)
    return [_verl_value(r, return_dict, on_error) for r in reply["results"]]

"""rlvr-server client: ``RLVRClient`` plus TRL and verl adapters. Standard library only."""

from .adapters import (
    RLVRItemError,
    infer_task,
    make_trl_reward,
    message_text,
    verl_compute_score,
    verl_compute_score_batch,
)
from .client import RLVRClient, RLVRError, RLVRRequestError, RLVRUnavailableError

__all__ = [
    "RLVRClient",
    "RLVRError",
    "RLVRItemError",
    "RLVRRequestError",
    "RLVRUnavailableError",
    "infer_task",
    "make_trl_reward",
    "message_text",
    "verl_compute_score",
    "verl_compute_score_batch",
]

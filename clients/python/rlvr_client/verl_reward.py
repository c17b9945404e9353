"""Entry file for verl's ``custom_reward_function.path``.

verl loads this file by path (not as a package member), so it only uses absolute imports; install
the client first (``pip install clients/python``) or put ``clients/python`` on ``PYTHONPATH``.

    custom_reward_function.path=clients/python/rlvr_client/verl_reward.py
    custom_reward_function.name=compute_score          # naive reward manager
    # or, with reward_model.reward_manager=batch:
    custom_reward_function.name=compute_score_batch
    +custom_reward_function.reward_kwargs.url=http://127.0.0.1:8000
"""

from rlvr_client.adapters import verl_compute_score as compute_score
from rlvr_client.adapters import verl_compute_score_batch as compute_score_batch

__all__ = ["compute_score", "compute_score_batch"]
